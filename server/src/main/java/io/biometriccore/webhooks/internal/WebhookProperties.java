package io.biometriccore.webhooks.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code biometric.webhooks}: the delivery of the tenant event webhooks. Invalid settings stop the
 * server at start-up.
 *
 * @param allowHttp          plain {@code http://} webhook URLs are accepted; true only in the quick start and
 *                           tests, never in production
 * @param pollInterval       the pause between two passes over the due rows once none is left
 * @param requestTimeout     how long one POST may take, connecting included
 * @param initialBackoff     the pause after a failed attempt; it doubles with each further failure
 * @param maxBackoff         the cap of that pause
 * @param lease              how long a node keeps a claimed row to itself; longer than {@code requestTimeout}
 * @param maxAge             a row still undelivered this long after its notification is dead-lettered
 * @param batchSize          the most rows one node claims at once
 * @param maxBacklog         the most undelivered rows per webhook; further notifications are dead-lettered at once
 * @param deliveredRetention how long a delivered row is kept before the purge deletes it
 * @param deadLetterRetention how long a dead letter is kept for the administrators
 */
@ConfigurationProperties(prefix = "biometric.webhooks")
public record WebhookProperties(@DefaultValue("false") boolean allowHttp,
        @DefaultValue("PT1S") Duration pollInterval, @DefaultValue("PT10S") Duration requestTimeout,
        @DefaultValue("PT1S") Duration initialBackoff, @DefaultValue("PT10M") Duration maxBackoff,
        @DefaultValue("PT1M") Duration lease, @DefaultValue("P3D") Duration maxAge,
        @DefaultValue("50") int batchSize, @DefaultValue("10000") int maxBacklog,
        @DefaultValue("P7D") Duration deliveredRetention, @DefaultValue("P30D") Duration deadLetterRetention) {

    public WebhookProperties {
        positive(pollInterval, "poll-interval");
        positive(requestTimeout, "request-timeout");
        positive(initialBackoff, "initial-backoff");
        positive(maxBackoff, "max-backoff");
        positive(lease, "lease");
        positive(maxAge, "max-age");
        positive(deliveredRetention, "delivered-retention");
        positive(deadLetterRetention, "dead-letter-retention");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("biometric.webhooks.max-backoff must not be shorter than initial-backoff");
        }
        if (lease.compareTo(requestTimeout) <= 0) {
            throw new IllegalArgumentException("biometric.webhooks.lease must be longer than request-timeout");
        }
        if (batchSize < 1 || batchSize > 1_000) {
            throw new IllegalArgumentException("biometric.webhooks.batch-size must be from 1 to 1000");
        }
        if (maxBacklog < 1) {
            throw new IllegalArgumentException("biometric.webhooks.max-backlog must be at least 1");
        }
    }

    /** The pause after {@code failures} failed attempts in a row: the initial backoff, doubled each time, capped. */
    public Duration backoff(int failures) {
        Duration pause = initialBackoff.multipliedBy(1L << Math.clamp(failures - 1L, 0, 30));
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }

    private static void positive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("biometric.webhooks." + property + " must be a positive duration");
        }
    }
}
