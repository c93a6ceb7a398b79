package io.biometriccore.testsupport;

import io.biometriccore.testsupport.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Anonymous {@code POST /authentication/options} in bulk, over HTTP: a third each for unknown
 * usernames, one known username, and usernameless, from a few keep-alive clients at once.
 */
public final class AnonymousFlood {

    private static final int SENDERS = 8;

    private AnonymousFlood() {
    }

    public static List<Response> signInOptions(int port, String tenantId, String knownUsername, int requests)
            throws InterruptedException, ExecutionException {
        String path = "/v1/tenants/" + tenantId + "/authentication/options";
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Response>>> batches = IntStream.range(0, SENDERS).mapToObj(s -> senders.submit(() -> {
                ApiClient client = new ApiClient(port);
                List<Response> sent = new ArrayList<>();
                for (int i = s; i < requests; i += SENDERS) {
                    sent.add(client.post(path, switch (i % 3) {
                        case 0 -> Map.of("username", "nobody-" + i);
                        case 1 -> Map.of("username", knownUsername);
                        default -> Map.of();
                    }));
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
