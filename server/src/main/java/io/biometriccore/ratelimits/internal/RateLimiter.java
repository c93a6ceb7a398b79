package io.biometriccore.ratelimits.internal;

import io.biometriccore.ratelimits.RateLimitProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.RateLimits;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes from and checks the buckets, and refuses with {@code 429 rate_limited} and {@code Retry-After}.
 * A store that fails (Redis away) lets the request through, counted and logged: rate limits are a
 * brake, and an outage of theirs must not become an outage of sign-in.
 */
public final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Buckets buckets;
    private final Map<LimitKind, Counter> rejections = new EnumMap<>(LimitKind.class);
    private final Counter unavailable;

    RateLimiter(Buckets buckets, MeterRegistry metrics) {
        this.buckets = buckets;
        for (LimitKind kind : LimitKind.values()) {
            rejections.put(kind, Counter.builder("biometric.rate_limits.rejected")
                    .description("Requests refused by a rate limit").tag("limit", kind.tag()).register(metrics));
        }
        this.unavailable = Counter.builder("biometric.rate_limits.unavailable")
                .description("Rate-limit checks skipped because the store failed").register(metrics);
    }

    /** Takes a token for a request; @throws ApiException {@code rate_limited} when there is none. */
    public void consume(LimitKind kind, String tenantId, RateLimits.Limit limit, String subject) {
        withBucket(kind, tenantId, limit, subject, bucket -> {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Optional.<Long>empty() : Optional.of(probe.getNanosToWaitForRefill());
        }).ifPresent(wait -> refuse(kind, wait));
    }

    /** Checks without taking (a failure limit); @throws ApiException {@code rate_limited} once spent. */
    public void requireAvailable(LimitKind kind, String tenantId, RateLimits.Limit limit, String subject) {
        withBucket(kind, tenantId, limit, subject, bucket -> {
            EstimationProbe probe = bucket.estimateAbilityToConsume(1);
            return probe.canBeConsumed() ? Optional.<Long>empty() : Optional.of(probe.getNanosToWaitForRefill());
        }).ifPresent(wait -> refuse(kind, wait));
    }

    /** A failure happened: takes a token if one is left; never refuses. */
    public void spend(LimitKind kind, String tenantId, RateLimits.Limit limit, String subject) {
        withBucket(kind, tenantId, limit, subject, bucket -> {
            bucket.tryConsume(1);
            return Optional.<Long>empty();
        });
    }

    /**
     * A failure happened: takes a token in one step with the decision, so that concurrent failures
     * cannot all pass a check made before any was counted.
     *
     * @return empty when a token was taken (or the store failed); the refusal, {@code rate_limited}
     *         with {@code Retry-After} and counted, when none was left
     */
    public Optional<ApiException> spendOrRefusal(LimitKind kind, String tenantId, RateLimits.Limit limit,
            String subject) {
        return withBucket(kind, tenantId, limit, subject, bucket -> {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Optional.<Long>empty() : Optional.of(probe.getNanosToWaitForRefill());
        }).map(wait -> refusal(kind, wait));
    }

    /** Whole seconds, rounded up, at least one (RFC 9110 §10.2.3). */
    static long retryAfterSeconds(long nanosToWait) {
        return Math.max(1, (nanosToWait + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    private Optional<Long> withBucket(LimitKind kind, String tenantId, RateLimits.Limit limit, String subject,
            Function<Bucket, Optional<Long>> use) {
        String key = kind.tag() + ":" + tenantId + ":" + limit.requests() + "/" + limit.period().toSeconds() + ":"
                + subject;
        try {
            return use.apply(buckets.bucket(key, limit));
        } catch (RuntimeException e) {
            unavailable.increment();
            log.warn("Rate limit {} not applied: the store failed ({})", kind.tag(), e.toString());
            return Optional.empty();
        }
    }

    private void refuse(LimitKind kind, long nanosToWait) {
        throw refusal(kind, nanosToWait);
    }

    private ApiException refusal(LimitKind kind, long nanosToWait) {
        rejections.get(kind).increment();
        return new ApiException(RateLimitProblem.RATE_LIMITED, "Too many requests; retry later", Map.of(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds(nanosToWait))));
    }
}
