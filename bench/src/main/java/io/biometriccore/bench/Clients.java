package io.biometriccore.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Concurrent clients, each on a thread of its own, released at the same moment. */
final class Clients {

    /** What client number {@code client} does once released. */
    @FunctionalInterface
    interface Body {
        void run(int client) throws InterruptedException;
    }

    /** When the clients were released, and how long it took until the last one was done. */
    record Run(Instant startedAt, long wallNanos) {
    }

    private Clients() {
    }

    /** Runs {@code count} clients together and waits for all of them. */
    static Run together(int count, Body body) throws InterruptedException {
        var ready = new CountDownLatch(count);
        var go = new CountDownLatch(1);
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(count)) {
            for (int c = 0; c < count; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    body.run(client);
                    return null;
                }));
            }
            ready.await();
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> future : clients) {
                join(future);
            }
            return new Run(startedAt, System.nanoTime() - start);
        }
    }

    private static void join(Future<?> client) throws InterruptedException {
        try {
            client.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A client failed: " + e.getCause(), e.getCause());
        }
    }
}
