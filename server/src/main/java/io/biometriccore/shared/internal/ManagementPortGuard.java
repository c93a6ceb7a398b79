package io.biometriccore.shared.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The actuator's metrics and endpoints must stay off the public port (ADR 27). Spring Boot serves them
 * on the server's own port when {@code management.server.port} equals {@code server.port}, or is
 * unset; the server refuses to start then. A negative management port (no management server) and
 * random ports ({@code 0}, as in tests) are fine.
 */
@Component
class ManagementPortGuard {

    ManagementPortGuard(@Value("${server.port:8080}") int serverPort,
            @Value("${management.server.port:#{null}}") @Nullable Integer managementPort) {
        if (managementPort == null || managementPort != 0 && managementPort == serverPort) {
            throw new IllegalStateException("management.server.port (" + managementPort + ") must differ from "
                    + "server.port (" + serverPort + "): the actuator would answer on the public port");
        }
    }
}
