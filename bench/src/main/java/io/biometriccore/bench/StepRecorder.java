package io.biometriccore.bench;

import io.biometriccore.bench.Exchange.StepFailure;
import io.biometriccore.bench.Report.Latency;
import io.biometriccore.bench.Report.StepReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/** Collects one step's attempts from all clients; thread-safe. */
final class StepRecorder {

    private static final int ERROR_SAMPLES = 5;
    private static final double NANOS_PER_MS = 1_000_000.0;

    private final String name;
    private final List<Long> nanos = new ArrayList<>();
    private final List<String> errorSamples = new ArrayList<>();
    private int errors;

    StepRecorder(Step step) {
        this(step.wireName());
    }

    /** @param name what the report calls the step */
    StepRecorder(String name) {
        this.name = name;
    }

    /** A step's HTTP calls; what it returns feeds the next step. */
    @FunctionalInterface
    interface StepBody<T> {
        T run(Exchange exchange) throws IOException, InterruptedException, StepFailure;
    }

    /** Runs one attempt of the step through {@code exchange} and records its time and outcome. */
    <T> Optional<T> attempt(Exchange exchange, StepBody<T> body) throws InterruptedException {
        try {
            T result = body.run(exchange);
            success(exchange.nanos());
            return Optional.of(result);
        } catch (StepFailure e) {
            failure(exchange.nanos(), e.getMessage());
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            failure(exchange.nanos(), e.toString());
        }
        return Optional.empty();
    }

    synchronized void success(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    synchronized void failure(long elapsedNanos, String error) {
        nanos.add(elapsedNanos);
        errors++;
        if (errorSamples.size() < ERROR_SAMPLES) {
            errorSamples.add(error);
        }
    }

    synchronized StepReport report(long wallNanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double throughput = wallNanos == 0 ? 0 : round(sorted.length * 1e9 / wallNanos);
        var latency = new Latency(percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.length == 0 ? 0 : millis(sorted[sorted.length - 1]));
        return new StepReport(name, sorted.length, errors, throughput, latency, errorSamples);
    }

    /** Nearest rank: the smallest sample with at least {@code p} percent of the samples at or below it. */
    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return millis(sorted[Math.max(rank, 1) - 1]);
    }

    static double millis(long nanos) {
        return round(nanos / NANOS_PER_MS);
    }

    /** Three decimals are enough for milliseconds and operations per second. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
