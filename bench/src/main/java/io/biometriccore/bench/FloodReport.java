package io.biometriccore.bench;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Scenario#FLOOD} run left behind. Written as JSON to {@link Config#out()} and printed.
 *
 * @param options          the options answers by outcome ({@code 200}, or status and problem code)
 * @param verifies         the verify answers by outcome
 * @param auditRowsBefore  the tenant's audit rows (sealed log size) before the run
 * @param auditRowsAfter   and after it, once the sealer had caught up
 * @param optionsWallTimeMs how long the options took, all clients together
 * @param verifyWallTimeMs  how long the verifies took
 */
public record FloodReport(Parameters parameters, Map<String, Long> options, Map<String, Long> verifies,
        long auditRowsBefore, long auditRowsAfter, double optionsWallTimeMs, double verifyWallTimeMs) {

    public FloodReport {
        options = Collections.unmodifiableMap(new TreeMap<>(options));
        verifies = Collections.unmodifiableMap(new TreeMap<>(verifies));
    }

    /** The run's parameters as the report shows them. */
    public record Parameters(String scenario, String url, String tenant, int clients, int requests) {

        static Parameters of(Config config) {
            return new Parameters(config.scenario().wireName(), config.url().toString(), config.tenant(),
                    config.clients(), config.requests());
        }
    }

    /** Options answered {@code 200}: each stored exactly one challenge. */
    public long challengesStored() {
        return options.getOrDefault("200", 0L);
    }

    public long auditRowsWritten() {
        return auditRowsAfter - auditRowsBefore;
    }

    /** Answers that were neither a status the flood expects nor any answer at all. */
    public boolean hasErrors() {
        return options.keySet().stream().anyMatch(k -> !k.equals("200") && !k.startsWith("503 "))
                || verifies.keySet().stream().anyMatch(k -> !k.startsWith("400 "));
    }

    public String table() {
        var table = new StringBuilder(String.format(Locale.ROOT, "flood of %d options and %d verifies by %d clients,"
                + " tenant %s at %s%n", parameters.requests(), parameters.requests(), parameters.clients(),
                parameters.tenant(), parameters.url()));
        options.forEach((k, v) -> table.append(String.format(Locale.ROOT, "  options  %-40s %9d%n", k, v)));
        verifies.forEach((k, v) -> table.append(String.format(Locale.ROOT, "  verify   %-40s %9d%n", k, v)));
        table.append(String.format(Locale.ROOT, "challenges stored %d, audit rows written %d; options %.1f s,"
                + " verifies %.1f s%n", challengesStored(), auditRowsWritten(), optionsWallTimeMs / 1000,
                verifyWallTimeMs / 1000));
        return table.toString();
    }
}
