package io.biometriccore.bench;

import io.biometriccore.bench.Report.Latency;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a {@link Scenario#SIGNIN} run: per concurrency level, how many sign-ins the server
 * completed, how fast, and what they cost it and PostgreSQL. Written as JSON to {@link Config#out()},
 * as charts beside it, and printed as a table.
 *
 * @param parameters what ran
 * @param startedAt  when the first level's warm-up started
 * @param serverPid  the process whose CPU time and RSS are shown; null when none was found
 * @param levels     one entry per concurrency level, in the order they ran
 */
public record SignInReport(Parameters parameters, Instant startedAt, @Nullable Long serverPid, List<Level> levels) {

    public SignInReport {
        levels = List.copyOf(levels);
    }

    /** The run's parameters as the report shows them. */
    public record Parameters(String scenario, String url, String tenant, String origin, String rpId, long customers,
            long seed, List<Integer> concurrency, double warmupSeconds, double durationSeconds) {

        static Parameters of(Config config) {
            SignInOptions s = config.signIn();
            return new Parameters(config.scenario().wireName(), config.url().toString(), config.tenant(),
                    config.origin(), config.rpId(), s.customers(), s.seed(), s.concurrency(),
                    s.warmup().toMillis() / 1000.0, s.duration().toMillis() / 1000.0);
        }
    }

    /**
     * One concurrency level's measured time. A sign-in is authentication options, then verification
     * of the assertion, which answers the tokens; its latency is the time in those two HTTP calls.
     *
     * @param concurrency            clients signing in at once, each one sign-in after the other
     * @param wallTimeMs             from the start of the clients until the last one finished
     * @param signIns                attempted sign-ins, failed ones included
     * @param errors                 sign-ins that got an unexpected status or body, or no response
     * @param throughput             sign-ins per second of the wall time
     * @param latencyMs              over all sign-ins of the level
     * @param serverCpuMsPerSignIn   the server process's CPU time (user + system) in the level, per sign-in
     * @param postgresCpuMsPerSignIn all {@code postgres} processes' CPU time in the level, per sign-in
     * @param serverRssBytes         the server's resident set size at the end of the level
     * @param errorSamples           the first few errors
     */
    public record Level(int concurrency, double wallTimeMs, int signIns, int errors, double throughput,
            Latency latencyMs, @Nullable Double serverCpuMsPerSignIn, @Nullable Double postgresCpuMsPerSignIn,
            @Nullable Long serverRssBytes, List<String> errorSamples) {

        public Level {
            errorSamples = List.copyOf(errorSamples);
        }
    }

    public boolean hasErrors() {
        return levels.stream().anyMatch(l -> l.errors() > 0);
    }

    /** A fixed-width summary: one line about the run, then one row per level. */
    public String table() {
        var table = new StringBuilder(String.format(Locale.ROOT,
                "signin: %,d seeded customers of tenant %s at %s, %.0f s per level after %.0f s warm-up%n",
                parameters.customers(), parameters.tenant(), parameters.url(), parameters.durationSeconds(),
                parameters.warmupSeconds()));
        table.append(String.format(Locale.ROOT, "%7s %8s %7s %9s %8s %8s %8s %11s %11s %9s%n", "clients", "sign-ins",
                "errors", "per s", "p50 ms", "p95 ms", "p99 ms", "server ms/1", "pg ms/1", "RSS MiB"));
        for (Level l : levels) {
            table.append(String.format(Locale.ROOT, "%7d %8d %7d %9.1f %8.2f %8.2f %8.2f %11s %11s %9s%n",
                    l.concurrency(), l.signIns(), l.errors(), l.throughput(), l.latencyMs().p50(),
                    l.latencyMs().p95(), l.latencyMs().p99(), decimal(l.serverCpuMsPerSignIn()),
                    decimal(l.postgresCpuMsPerSignIn()),
                    l.serverRssBytes() == null ? "-" : Long.toString(l.serverRssBytes() / (1024 * 1024))));
        }
        return table.toString();
    }

    /** Two decimals, or {@code -} when unknown. */
    static String decimal(@Nullable Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
