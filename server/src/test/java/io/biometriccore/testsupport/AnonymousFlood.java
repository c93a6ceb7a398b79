package io.biometriccore.testsupport;

import io.biometriccore.testsupport.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Anonymous sign-in requests in bulk, over HTTP, from a few keep-alive clients at once: options (a
 * third each for unknown usernames, one known username, and usernameless) or garbage results.
 */
public final class AnonymousFlood {

    private static final int SENDERS = 8;

    private AnonymousFlood() {
    }

    public static List<Response> signInOptions(int port, String tenantId, String knownUsername, int requests)
            throws InterruptedException, ExecutionException {
        return send(port, "/v1/tenants/" + tenantId + "/authentication/options", requests, i -> switch (i % 3) {
            case 0 -> Map.of("username", "nobody-" + i);
            case 1 -> Map.of("username", knownUsername);
            default -> Map.of();
        });
    }

    /** The same body, {@code requests} times, to {@code /authentication/verify}: a garbage result each. */
    public static List<Response> signInResults(int port, String tenantId, String body, int requests)
            throws InterruptedException, ExecutionException {
        return send(port, "/v1/tenants/" + tenantId + "/authentication/verify", requests, i -> body);
    }

    private static List<Response> send(int port, String path, int requests, IntFunction<Object> body)
            throws InterruptedException, ExecutionException {
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Response>>> batches = IntStream.range(0, SENDERS).mapToObj(s -> senders.submit(() -> {
                ApiClient client = new ApiClient(port);
                List<Response> sent = new ArrayList<>();
                for (int i = s; i < requests; i += SENDERS) {
                    sent.add(client.post(path, body.apply(i)));
                }
                return sent;
            })).toList();
            List<Response> all = new ArrayList<>();
            for (Future<List<Response>> batch : batches) {
                all.addAll(batch.get());
            }
            return all;
        }
    }
}
