package io.biometriccore.audit.internal;

import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * Failed checks of one kind in one window, as one audit event: {@code event} says what failed (tenant,
 * type, reason, customer when known), {@code context} who first tried (actor and correlation id; no
 * network fields: the failures came from any number of clients).
 *
 * @param count how many failures, at least 1
 */
record FailureAggregate(SecurityEvent event, RequestContext.Snapshot context, Instant firstAt, Instant lastAt,
        int count) {

    FailureAggregate {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(firstAt, "firstAt");
        Objects.requireNonNull(lastAt, "lastAt");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
    }

    /** Both counted together: the earliest first, the latest last. */
    FailureAggregate plus(FailureAggregate other) {
        return new FailureAggregate(event, context, firstAt.isBefore(other.firstAt) ? firstAt : other.firstAt,
                lastAt.isAfter(other.lastAt) ? lastAt : other.lastAt,
                (int) Math.min(Integer.MAX_VALUE, (long) count + other.count));
    }
}
