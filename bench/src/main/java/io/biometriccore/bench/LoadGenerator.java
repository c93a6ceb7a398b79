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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drives concurrent software authenticators against a running server: {@link Scenario#ENROLL} times
 * each {@link Step} of {@link Config#clients()} clients' iterations; {@link Scenario#SIGNIN} measures
 * sign-ins of seeded customers by concurrency level ({@link SignInLoad}); {@link Scenario#APPROVE} their
 * approvals of payments the bank registers ({@link ApprovalLoad}); {@link Scenario#FLOOD} counts
 * what anonymous requests leave behind ({@link FloodLoad}).
 *
 * <p>Enroll setup, untimed: the admin key creates a tenant API key with every scope. Then all clients
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
     * Runs the enroll scenario, writes the report as JSON to {@link Config#out()} and returns it.
     *
     * @throws IllegalStateException when setup fails: the server cannot be reached or refuses the admin key
     */
    public static Report run(Config config) throws InterruptedException {
        try (HttpClient http = httpClient()) {
            String apiKey = createApiKey(http, config, API_KEY_SCOPES);
            Map<Step, StepRecorder> recorders = new EnumMap<>(Step.class);
            for (Step step : Step.values()) {
                recorders.put(step, new StepRecorder(step));
            }
            String runId = UUID.randomUUID().toString().substring(0, 8);
            Clients.Run run = Clients.together(config.clients(), client -> new ClientFlow(config, http, apiKey,
                    recorders, "bench-" + runId + "-" + client).run());
            long wallNanos = run.wallNanos();
            List<StepReport> steps = Arrays.stream(Step.values()).map(s -> recorders.get(s).report(wallNanos))
                    .toList();
            var report = new Report(Parameters.of(config), run.startedAt(), StepRecorder.millis(wallNanos), steps);
            write(Exchange.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n", config.out());
            return report;
        }
    }

    /**
     * Runs the signin scenario, writes the report as JSON to {@link Config#out()} and as charts to
     * {@link #chartsFile(Path)}, and returns it.
     */
    public static SignInReport runSignIn(Config config) throws InterruptedException {
        try (HttpClient http = httpClient()) {
            SignInReport report = new SignInLoad(config, http, ProcStats.linux()).run();
            write(Exchange.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n", config.out());
            write(Charts.html(report), chartsFile(config.out()));
            return report;
        }
    }

    /**
     * Runs the approve scenario ({@link ApprovalLoad}) with a tenant API key of scope {@code transactions}
     * that the admin key creates, writes the report as JSON to {@link Config#out()} and returns it.
     *
     * @throws IllegalStateException when setup fails: the server cannot be reached or refuses the admin key
     */
    public static ApprovalReport runApproval(Config config) throws InterruptedException {
        try (HttpClient http = httpClient()) {
            String apiKey = createApiKey(http, config, List.of("transactions"));
            ApprovalReport report = new ApprovalLoad(config, http, apiKey, ProcStats.linux()).run();
            write(Exchange.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n", config.out());
            return report;
        }
    }

    /**
     * Runs the flood scenario ({@link FloodLoad}), writes the report as JSON to {@link Config#out()} and
     * returns it.
     */
    public static FloodReport runFlood(Config config) throws InterruptedException {
        try (HttpClient http = httpClient()) {
            FloodReport report = new FloodLoad(config, http).run();
            write(Exchange.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n", config.out());
            return report;
        }
    }

    /** Where a signin run puts its charts: beside the JSON, {@code .json} replaced by {@code .html}. */
    public static Path chartsFile(Path json) {
        String name = json.getFileName().toString();
        return json.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".html");
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
        try {
            boolean errors = switch (config.scenario()) {
                case SIGNIN -> signInFromCommandLine(config);
                case APPROVE -> approvalFromCommandLine(config);
                case FLOOD -> floodFromCommandLine(config);
                case ENROLL -> enrollFromCommandLine(config);
            };
            if (errors) {
                System.exit(1);
            }
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static boolean enrollFromCommandLine(Config config) throws InterruptedException {
        Report report = run(config);
        System.out.print(report.table());
        System.out.println("JSON report: " + config.out().toAbsolutePath());
        for (StepReport step : report.steps()) {
            step.errorSamples().forEach(error -> System.err.println(step.step() + ": " + error));
        }
        return report.hasErrors();
    }

    private static boolean signInFromCommandLine(Config config) throws InterruptedException {
        SignInReport report = runSignIn(config);
        if (report.serverPid() == null) {
            System.err.println("bench: no server process found (give --server-pid): no server CPU and RSS");
        }
        System.out.print(report.table());
        System.out.println("JSON report: " + config.out().toAbsolutePath());
        System.out.println("Charts: " + chartsFile(config.out()).toAbsolutePath());
        for (SignInReport.Level level : report.levels()) {
            level.errorSamples().forEach(error -> System.err.println(level.concurrency() + " clients: " + error));
        }
        return report.hasErrors();
    }

    private static boolean approvalFromCommandLine(Config config) throws InterruptedException {
        ApprovalReport report = runApproval(config);
        if (report.serverPid() == null) {
            System.err.println("bench: no server process found (give --server-pid): no server CPU and RSS");
        }
        System.out.print(report.table());
        System.out.println("JSON report: " + config.out().toAbsolutePath());
        for (ApprovalReport.Level level : report.levels()) {
            level.errorSamples().forEach(error -> System.err.println(level.concurrency() + " clients: " + error));
        }
        return report.hasErrors();
    }

    private static boolean floodFromCommandLine(Config config) throws InterruptedException {
        FloodReport report = runFlood(config);
        System.out.print(report.table());
        System.out.println("JSON report: " + config.out().toAbsolutePath());
        return report.hasErrors();
    }

    private static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    private static String createApiKey(HttpClient http, Config config, List<String> scopes)
            throws InterruptedException {
        try {
            return Exchange.text(new Exchange(http, config.baseUrl()).postJson(
                    "/v1/admin/tenants/" + config.tenant() + "/api-keys", config.adminKey(),
                    Map.of("name", "bench", "scopes", scopes), 201), "key");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach " + config.url() + ": " + e, e);
        } catch (StepFailure e) {
            throw new IllegalStateException("Cannot create a tenant API key: " + e.getMessage(), e);
        }
    }

    private static void write(String text, Path out) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + out, e);
        }
    }
}
