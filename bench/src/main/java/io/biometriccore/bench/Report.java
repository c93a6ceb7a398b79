package io.biometriccore.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a run: its parameters, its wall time and, per step, what happened. Written as
 * JSON to {@link Config#out()} and printed as a table.
 *
 * @param parameters what ran (without the admin key)
 * @param startedAt  when the clients started
 * @param wallTimeMs from the start of the clients until the last one finished
 * @param steps      one entry per {@link Step}, in order
 */
public record Report(Parameters parameters, Instant startedAt, double wallTimeMs, List<StepReport> steps) {

    public Report {
        steps = List.copyOf(steps);
    }

    /** The run's parameters as the report shows them. */
    public record Parameters(String url, String tenant, String origin, String rpId, int clients, int iterations) {

        static Parameters of(Config config) {
            return new Parameters(config.url().toString(), config.tenant(), config.origin(), config.rpId(),
                    config.clients(), config.iterations());
        }
    }

    /**
     * One step over the whole run. An attempt is one execution of the step; a failed step ends its
     * iteration, so later steps then have fewer attempts.
     *
     * @param step         {@link Step#wireName()}
     * @param count        attempts, failed ones included
     * @param errors       attempts that got an unexpected status or body, or no response
     * @param throughput   attempts per second of the run's wall time
     * @param latencyMs    the time spent in the step's HTTP calls, over all attempts
     * @param errorSamples the first few errors, as method, path, status and body
     */
    public record StepReport(String step, int count, int errors, double throughput, Latency latencyMs,
            List<String> errorSamples) {

        public StepReport {
            errorSamples = List.copyOf(errorSamples);
        }
    }

    /** Nearest-rank percentiles and the maximum of a step's latencies, in milliseconds; all 0 without samples. */
    public record Latency(double p50, double p95, double p99, double max) {
    }

    /** The entry for {@code step}. */
    public StepReport step(Step step) {
        return steps.stream().filter(s -> s.step().equals(step.wireName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + step.wireName() + " in the report"));
    }

    /** Whether any step had an error. */
    public boolean hasErrors() {
        return steps.stream().anyMatch(s -> s.errors() > 0);
    }

    /** A fixed-width summary: one line about the run, then one row per step. */
    public String table() {
        var table = new StringBuilder(String.format(Locale.ROOT,
                "%d clients x %d iterations, tenant %s at %s, wall time %.1f s%n", parameters.clients(),
                parameters.iterations(), parameters.tenant(), parameters.url(), wallTimeMs / 1000));
        table.append(String.format(Locale.ROOT, "%-14s %7s %7s %9s %9s %9s %9s %9s%n", "step", "count", "errors",
                "ops/s", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        for (StepReport s : steps) {
            Latency l = s.latencyMs();
            table.append(String.format(Locale.ROOT, "%-14s %7d %7d %9.1f %9.2f %9.2f %9.2f %9.2f%n", s.step(),
                    s.count(), s.errors(), s.throughput(), l.p50(), l.p95(), l.p99(), l.max()));
        }
        return table.toString();
    }
}
