package io.biometriccore.bench;

import io.biometriccore.bench.Exchange.StepFailure;
import io.biometriccore.bench.Report.Parameters;
import io.biometriccore.bench.Report.StepReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Drives {@link Config#clients()} concurrent software authenticators against a running server and
 * times each {@link Step} of their iterations.
 *
 * <p>Setup, untimed: the admin key creates a tenant API key with every scope. Then all clients
 * start together; each iteration creates a customer, issues an enrollment grant, registers a new
 * ES256 passkey ({@code none} attestation, UV set) with the grant, signs in with it, refreshes
 * the session and introspects the new access token. A step's latency is the time spent in its
 * HTTP calls only, not in the authenticator's signing between them.
 */
public final class LoadGenerator {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> API_KEY_SCOPES = List.of("users", "enrollment", "devices", "sessions");

    private LoadGenerator() {
    }

    /**
     * Runs the load, writes the report as JSON to {@link Config#out()} and returns it.
     *
     * @throws IllegalStateException when setup fails: the server cannot be reached or refuses the admin key
     */
    public static Report run(Config config) throws InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).build()) {
            String apiKey = createApiKey(http, config);
            Map<Step, StepRecorder> recorders = new EnumMap<>(Step.class);
            for (Step step : Step.values()) {
                recorders.put(step, new StepRecorder(step));
            }
            String runId = UUID.randomUUID().toString().substring(0, 8);
            var ready = new CountDownLatch(config.clients());
            var go = new CountDownLatch(1);
            List<Future<?>> clients = new ArrayList<>();
            Instant startedAt;
            long wallNanos;
            try (ExecutorService pool = Executors.newFixedThreadPool(config.clients())) {
                for (int c = 0; c < config.clients(); c++) {
                    var flow = new ClientFlow(config, http, apiKey, recorders, "bench-" + runId + "-" + c);
                    clients.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        flow.run();
                        return null;
                    }));
                }
                ready.await();
                startedAt = Instant.now();
                long start = System.nanoTime();
                go.countDown();
                for (Future<?> client : clients) {
                    join(client);
                }
                wallNanos = System.nanoTime() - start;
            }
            List<StepReport> steps = Arrays.stream(Step.values()).map(s -> recorders.get(s).report(wallNanos))
                    .toList();
            var report = new Report(Parameters.of(config), startedAt, StepRecorder.millis(wallNanos), steps);
            write(report, config.out());
            return report;
        }
    }

    /**
     * Runs from the command line ({@link Config#USAGE}), prints the table and where the JSON went.
     * Exits with 1 when setup fails or a step had errors (their first few go to stderr), 2 on a bad
     * command line.
     */
    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(Config.USAGE);
            return;
        }
        Config config;
        try {
            config = Config.parse(arguments, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(Config.USAGE);
            System.exit(2);
            return;
        }
        Report report;
        try {
            report = run(config);
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.print(report.table());
        System.out.println("JSON report: " + config.out().toAbsolutePath());
        if (report.hasErrors()) {
            for (StepReport step : report.steps()) {
                step.errorSamples().forEach(error -> System.err.println(step.step() + ": " + error));
            }
            System.exit(1);
        }
    }

    private static String createApiKey(HttpClient http, Config config) throws InterruptedException {
        try {
            return Exchange.text(new Exchange(http, config.baseUrl()).postJson(
                    "/v1/admin/tenants/" + config.tenant() + "/api-keys", config.adminKey(),
                    Map.of("name", "bench", "scopes", API_KEY_SCOPES), 201), "key");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach " + config.url() + ": " + e, e);
        } catch (StepFailure e) {
            throw new IllegalStateException("Cannot create a tenant API key: " + e.getMessage(), e);
        }
    }

    private static void join(Future<?> client) throws InterruptedException {
        try {
            client.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A client failed: " + e.getCause(), e.getCause());
        }
    }

    private static void write(Report report, Path out) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, Exchange.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + out, e);
        }
    }
}
