package io.biometriccore.webhooks.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.Asserted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * A bank's webhook receiver on 127.0.0.1, one path per tenant, written as docs/webhooks.md tells a
 * bank to: it verifies {@code X-Biometric-Signature} with the path's secret (401 when it does not
 * verify), checks that the event headers name the body's id and type, and records every attempt with
 * its answer. A verified, acknowledged delivery is recorded for the completeness check by its type.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received; {@code verified} when its signature checked out with the path's secret. */
    public record Delivery(String path, String eventId, String type, String body, boolean verified, int status) {

        public JsonNode json() {
            return ApiClient.JSON.readTree(body);
        }

        public boolean accepted() {
            return status / 100 == 2;
        }
    }

    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failNext = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new ArrayList<>();

    private WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static WebhookReceiver start() {
        return new WebhookReceiver();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The secret the path's signatures are verified with (a new one after a rotation). */
    public void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    /** The path's next {@code requests} answer 500. */
    public void failNext(String path, int requests) {
        failNext.put(path, new AtomicInteger(requests));
    }

    public synchronized List<Delivery> attempts(String path) {
        return deliveries.stream().filter(d -> d.path().equals(path)).toList();
    }

    public List<Delivery> accepted(String path) {
        return attempts(path).stream().filter(Delivery::accepted).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String eventId = String.valueOf(exchange.getRequestHeaders().getFirst("X-Biometric-Event-Id"));
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("X-Biometric-Event-Type"));
            boolean verified = signatureValid(secrets.get(path),
                    exchange.getRequestHeaders().getFirst("X-Biometric-Signature"), body);
            int status = !verified ? 401 : !headersMatch(body, eventId, type) ? 400 : answer(path);
            record(new Delivery(path, eventId, type, body, verified, status));
            if (status == 200) {
                Asserted.notification(type);
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private int answer(String path) {
        AtomicInteger failures = failNext.get(path);
        return failures != null && failures.getAndDecrement() > 0 ? 500 : 200;
    }

    private synchronized void record(Delivery delivery) {
        deliveries.add(delivery);
    }

    private static boolean headersMatch(String body, String eventId, String type) {
        JsonNode json = ApiClient.JSON.readTree(body);
        return json.path("id").asString().equals(eventId) && json.path("type").asString().equals(type);
    }

    /** Whether {@code header} is an {@code X-Biometric-Signature} of {@code body} with {@code secret}, as docs/webhooks.md tells a receiver to check. */
    public static boolean signatureValid(String secret, String header, String body) {
        Matcher signature = SIGNATURE.matcher(String.valueOf(header));
        if (secret == null || !signature.matches()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((signature.group(1) + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.group(2)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
