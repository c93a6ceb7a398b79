package io.biometriccore.risk.internal;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.tenancy.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fraud analyst's view behind the admin key (docs/risk.md "The analyst's API"):
 * {@code .../risk/decisions}, keyset pages of decisions newest first, by customer, outcome, signal reason
 * and time; {@code .../risk/summary}, the counts per hour or day, per outcome and per reason.
 */
@RestController
@RequestMapping(path = "/v1/admin/tenants/{tenantId}/risk", produces = MediaType.APPLICATION_JSON_VALUE)
class RiskAdminController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Pattern CURSOR = Pattern.compile("([0-9]{1,19})\\.([0-9a-f]{32})");
    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    private static final List<String> OUTCOMES = List.of("allow", "step_up", "deny");
    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

    private final Tenants tenants;
    private final RiskDecisions decisions;
    private final RiskSummary summary;

    RiskAdminController(Tenants tenants, RiskDecisions decisions, RiskSummary summary) {
        this.tenants = tenants;
        this.decisions = decisions;
        this.summary = summary;
    }

    record DecisionPage(List<RiskDecisions.Stored> items, @Nullable String nextCursor) {
    }

    /** One bucket: its start, the counts per outcome and per signal reason. */
    record Bucket(Instant start, Map<String, Long> decisions, Map<String, Long> signals) {
    }

    record Summary(String bucket, Instant from, Instant to, List<Bucket> items) {
    }

    @GetMapping("/decisions")
    @Transactional(readOnly = true)
    DecisionPage decisions(@PathVariable String tenantId, @RequestParam(required = false) @Nullable String customer,
            @RequestParam(required = false) @Nullable String decision,
            @RequestParam(required = false) @Nullable String signal,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        tenants.require(tenantId);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw invalid("limit must be 1 to " + MAX_LIMIT);
        }
        if (decision != null && !OUTCOMES.contains(decision)) {
            throw invalid("decision must be allow, step_up or deny");
        }
        if (signal != null && !REASON.matcher(signal).matches()) {
            throw invalid("signal must be a reason code");
        }
        Instant start = instant(from, "from", Instant.EPOCH);
        Instant end = instant(to, "to", FAR_FUTURE);
        requireOrdered(start, end);
        Matcher position = cursor == null ? null : CURSOR.matcher(cursor);
        if (position != null && !position.matches()) {
            throw invalid("cursor is not one this API returned");
        }
        Instant beforeAt = position == null ? FAR_FUTURE : micros(Long.parseLong(position.group(1)));
        UUID beforeId = position == null ? new UUID(-1, -1) : uuid(position.group(2));
        List<RiskDecisions.Stored> page = decisions.page(tenantId, new RiskDecisions.Filter(uuid(customer), decision,
                signal, start, end, beforeAt, beforeId), size);
        return new DecisionPage(page, page.size() < size ? null : cursor(page.getLast()));
    }

    @GetMapping("/summary")
    @Transactional
    Summary summary(@PathVariable String tenantId, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false, defaultValue = "hour") String bucket) {
        tenants.require(tenantId);
        ChronoUnit unit = switch (bucket) {
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            default -> throw invalid("bucket must be hour or day");
        };
        Instant end = instant(to, "to", Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
        Instant start = instant(from, "from", end.minus(Duration.ofDays(1)));
        requireOrdered(start, end);
        if (Duration.between(start, end).compareTo(Duration.ofDays(unit == ChronoUnit.HOURS ? 31 : 366)) > 0) {
            throw invalid("the range is 31 days at most by hour and 366 by day");
        }
        Map<Instant, Bucket> buckets = new TreeMap<>();
        for (RiskSummary.Row row : summary.read(tenantId, start, end)) {
            Bucket b = buckets.computeIfAbsent(row.bucket().truncatedTo(unit),
                    s -> new Bucket(s, new TreeMap<>(), new TreeMap<>()));
            (row.kind().equals("decision") ? b.decisions() : b.signals()).merge(row.name(), row.count(), Long::sum);
        }
        return new Summary(bucket, start, end, new ArrayList<>(buckets.values()));
    }

    private static String cursor(RiskDecisions.Stored last) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.decidedAt());
        return micros + "." + last.id().toString().replace("-", "");
    }

    private static Instant micros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 32 ? UUID.fromString(value.replaceFirst(
                    "(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")) : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid("customer must be a customer id");
        }
    }

    private static Instant instant(@Nullable String value, String name, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant");
        }
    }

    private static void requireOrdered(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw invalid("from must be before to");
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(CommonProblem.INVALID_REQUEST, detail);
    }
}
