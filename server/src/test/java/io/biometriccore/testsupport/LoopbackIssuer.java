package io.biometriccore.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * For tests whose clients discover the server from a token's {@code iss}: the server listens on a
 * port chosen here, and {@code biometric.public-url} is {@code http://localhost:<that port>}, so the
 * issuer is reachable as it is written. (The random port is known only once the server has started,
 * after the beans that name the issuer.)
 */
public final class LoopbackIssuer {

    private LoopbackIssuer() {
    }

    /** Call from a {@code @DynamicPropertySource} method. */
    public static void register(DynamicPropertyRegistry registry) {
        int port = freePort();
        registry.add("server.port", () -> port);
        registry.add("biometric.public-url", () -> "http://localhost:" + port);
    }

    /** The issuer of a tenant's tokens on a server registered this way. */
    public static String issuer(int port, String tenantId) {
        return "http://localhost:" + port + "/v1/tenants/" + tenantId;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
