package io.biometriccore.bench;

import io.biometriccore.bench.Report.Latency;
import io.biometriccore.bench.Report.StepReport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a {@link Scenario#APPROVE} run: per concurrency level, how many payments the
 * customers approved, how fast, each step's latency, and what the approvals cost the server and
 * PostgreSQL. Written as JSON to {@link Config#out()} and printed as a table.
 *
 * @param parameters what ran
 * @param startedAt  when the first level's sign-ins started
 * @param serverPid  the process whose CPU time and RSS are shown; null when none was found
 * @param levels     one entry per concurrency level, in the order they ran
 */
public record ApprovalReport(SignInReport.Parameters parameters, Instant startedAt, @Nullable Long serverPid,
        List<Level> levels) {

    /** The timed steps of an approval, in the order a client runs them. */
    public static final List<String> STEPS = List.of("register", "options", "approve");

    public ApprovalReport {
        levels = List.copyOf(levels);
    }

    /**
     * One concurrency level's measured time. An approval is the bank's registration of a payment
     * ({@code POST /transactions} with the tenant API key), the customer's approval options and the
     * approval with the seeded passkey (both with the customer's access token); its latency is the time
     * in those three HTTP calls. A failed step ends its approval.
     *
     * @param concurrency              clients approving at once, each as its own customer, one approval after the other
     * @param wallTimeMs               from the start of the clients until the last one finished
     * @param approvals                attempted approvals, failed ones included
     * @param errors                   approvals that failed at some step
     * @param throughput               completed approvals per second of the wall time
     * @param latencyMs                of the completed approvals, all three steps together
     * @param steps                    each of {@link #STEPS}: its attempts, errors and latency
     * @param signIns                  sign-ins for access tokens in the level (before it, or when a token
     *                                 was about to expire); not part of the approvals' latency
     * @param serverCpuMsPerApproval   the server process's CPU time (user + system) in the level, per completed approval
     * @param postgresCpuMsPerApproval all {@code postgres} processes' CPU time in the level, per completed approval
     * @param serverRssBytes           the server's resident set size at the end of the level
     * @param errorSamples             the first few errors of each step
     */
    public record Level(int concurrency, double wallTimeMs, int approvals, int errors, double throughput,
            Latency latencyMs, List<StepReport> steps, int signIns, @Nullable Double serverCpuMsPerApproval,
            @Nullable Double postgresCpuMsPerApproval, @Nullable Long serverRssBytes, List<String> errorSamples) {

        public Level {
            steps = List.copyOf(steps);
            errorSamples = List.copyOf(errorSamples);
        }
    }

    public boolean hasErrors() {
        return levels.stream().anyMatch(l -> l.errors() > 0);
    }

    /** A fixed-width summary: one line about the run, one row per level, then each level's steps. */
    public String table() {
        var table = new StringBuilder(String.format(Locale.ROOT,
                "approve: %,d seeded customers of tenant %s at %s, %.0f s per level after %.0f s warm-up%n",
                parameters.customers(), parameters.tenant(), parameters.url(), parameters.durationSeconds(),
                parameters.warmupSeconds()));
        table.append(String.format(Locale.ROOT, "%7s %9s %7s %9s %8s %8s %8s %11s %11s %9s%n", "clients",
                "approvals", "errors", "per s", "p50 ms", "p95 ms", "p99 ms", "server ms/1", "pg ms/1", "RSS MiB"));
        for (Level l : levels) {
            table.append(String.format(Locale.ROOT, "%7d %9d %7d %9.1f %8.2f %8.2f %8.2f %11s %11s %9s%n",
                    l.concurrency(), l.approvals(), l.errors(), l.throughput(), l.latencyMs().p50(),
                    l.latencyMs().p95(), l.latencyMs().p99(), SignInReport.decimal(l.serverCpuMsPerApproval()),
                    SignInReport.decimal(l.postgresCpuMsPerApproval()),
                    l.serverRssBytes() == null ? "-" : Long.toString(l.serverRssBytes() / (1024 * 1024))));
        }
        table.append(String.format(Locale.ROOT, "%7s %-9s %7s %7s %8s %8s %8s %8s%n", "clients", "step", "count",
                "errors", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        for (Level l : levels) {
            for (StepReport s : l.steps()) {
                Latency latency = s.latencyMs();
                table.append(String.format(Locale.ROOT, "%7d %-9s %7d %7d %8.2f %8.2f %8.2f %8.2f%n",
                        l.concurrency(), s.step(), s.count(), s.errors(), latency.p50(), latency.p95(), latency.p99(),
                        latency.max()));
            }
        }
        return table.toString();
    }
}
