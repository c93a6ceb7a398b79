package io.biometriccore.risk.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.biometriccore.webhooks.internal.WebhookReceiver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A bank's external risk engine on 127.0.0.1, one path per tenant, written as docs/risk.md tells a
 * bank to: it verifies {@code X-Biometric-Signature} with the path's secret (401 when it does not
 * verify), records every request, and answers what the test told it, after the pause it was told.
 */
final class RiskEngineReceiver implements AutoCloseable {

    /** One request as received; {@code verified} when its signature checked out with the path's secret. */
    record Request(String path, String body, boolean verified) {
    }

    /** What a path answers: an HTTP status and a body, after a pause. */
    record Answer(int status, String body, long pauseMillis) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();

    private RiskEngineReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    static RiskEngineReceiver start() {
        return new RiskEngineReceiver();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    synchronized List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String secret = secrets.get(path);
            boolean verified = secret != null && WebhookReceiver.signatureValid(secret,
                    exchange.getRequestHeaders().getFirst("X-Biometric-Signature"), body);
            record(new Request(path, body, verified));
            Answer answer = verified ? answers.getOrDefault(path, new Answer(500, "", 0)) : new Answer(401, "", 0);
            pause(answer.pauseMillis());
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the server gave up on this request (its timeout); nothing left to answer
        }
    }

    private synchronized void record(Request request) {
        requests.add(request);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
