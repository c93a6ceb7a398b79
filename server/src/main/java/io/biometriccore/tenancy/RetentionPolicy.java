package io.biometriccore.tenancy;

import java.time.Period;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long the audit log keeps personal fields readable. Events themselves stay in the log for good
 * (it is append-only and signed); when a period ends, the data key of the fields is destroyed.
 *
 * @param networkFields  client IP and user agent (default 90 days)
 * @param personalFields names and other personal fields, unless the event class has its own period (13 months)
 * @param byEventClass   per event class, e.g. {@code authentication: P13M}; later {@code transaction: P10Y}
 */
public record RetentionPolicy(Period networkFields, Period personalFields, Map<String, Period> byEventClass) {

    private static final long MAX_MONTHS = 1_200;
    private static final int MAX_DAYS = 36_525;

    public RetentionPolicy {
        positive(networkFields, "networkFields");
        positive(personalFields, "personalFields");
        byEventClass = Map.copyOf(Objects.requireNonNull(byEventClass, "byEventClass"));
        byEventClass.forEach((eventClass, period) -> positive(period, "byEventClass." + eventClass));
    }

    public static RetentionPolicy defaults() {
        return new RetentionPolicy(Period.ofDays(90), Period.ofMonths(13), Map.of());
    }

    public static RetentionPolicy withDefaults(@Nullable Period networkFields, @Nullable Period personalFields,
            @Nullable Map<String, Period> byEventClass) {
        RetentionPolicy d = defaults();
        return new RetentionPolicy(networkFields != null ? networkFields : d.networkFields(),
                personalFields != null ? personalFields : d.personalFields(),
                byEventClass != null ? byEventClass : d.byEventClass());
    }

    /** The period of an event class's personal fields. */
    public Period personalFieldsOf(String eventClass) {
        return byEventClass.getOrDefault(eventClass, personalFields);
    }

    private static void positive(@Nullable Period period, String member) {
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(member + " must be a positive ISO-8601 period such as P90D");
        }
        if (period.toTotalMonths() > MAX_MONTHS || period.getDays() > MAX_DAYS) {
            throw new IllegalArgumentException(member + " must be at most 100 years");
        }
    }
}
