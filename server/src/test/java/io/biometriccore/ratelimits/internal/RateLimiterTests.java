package io.biometriccore.ratelimits.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.ratelimits.RateLimitProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.RateLimits;
import io.biometriccore.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The limiter over in-memory buckets, on a clock the test moves. */
class RateLimiterTests {

    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final RateLimiter limiter = new RateLimiter(new MemoryBuckets(1_000, new ClockTimeMeter(clock)), metrics);

    @Test
    void theDefaultsAdmitFiveHundredSignInsASecondFromOneAddressForAMinute() {
        RateLimits defaults = RateLimits.defaults();
        int signInsPerSecond = 500;
        int requestsPerSignIn = 3; // options, verify, and a refresh

        for (int signIn = 0; signIn < signInsPerSecond * 60; signIn++) {
            for (int request = 0; request < requestsPerSignIn; request++) {
                limiter.requireAvailable(LimitKind.ADDRESS_FAILURES, "bench", defaults.addressFailures(), "127.0.0.1");
                limiter.consume(LimitKind.ADDRESS_REQUESTS, "bench", defaults.addressRequests(), "127.0.0.1");
                limiter.consume(LimitKind.TENANT_REQUESTS, "bench", defaults.tenantRequests(), "*");
            }
            clock.advance(Duration.ofSeconds(1).dividedBy(signInsPerSecond));
        }

        assertThat(metrics.find("biometric.rate_limits.rejected").counters())
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void refusesWithRetryAfterInWholeSecondsRoundedUp() {
        RateLimits.Limit twoAMinute = new RateLimits.Limit(2, Duration.ofMinutes(1));
        limiter.consume(LimitKind.ADDRESS_REQUESTS, "t", twoAMinute, "a");
        limiter.consume(LimitKind.ADDRESS_REQUESTS, "t", twoAMinute, "a");
        clock.advance(Duration.ofMillis(1_500));

        assertThatThrownBy(() -> limiter.consume(LimitKind.ADDRESS_REQUESTS, "t", twoAMinute, "a"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertCode(e.problem(), RateLimitProblem.RATE_LIMITED);
                    assertThat(e.headers()).containsEntry("Retry-After", "29");
                });
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertThat(RateLimiter.retryAfterSeconds(0)).isEqualTo(1);
        assertThat(RateLimiter.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(RateLimiter.retryAfterSeconds(1_000_000_001)).isEqualTo(2);
    }

    @Test
    void aFailureLimitIsCheckedWithoutTakingAndSpentOnlyByFailures() {
        RateLimits.Limit two = new RateLimits.Limit(2, Duration.ofMinutes(15));
        for (int i = 0; i < 10; i++) {
            limiter.requireAvailable(LimitKind.USERNAME_FAILURES, "t", two, "alice");
        }
        limiter.spend(LimitKind.USERNAME_FAILURES, "t", two, "alice");
        limiter.spend(LimitKind.USERNAME_FAILURES, "t", two, "alice");

        assertThatThrownBy(() -> limiter.requireAvailable(LimitKind.USERNAME_FAILURES, "t", two, "alice"))
                .isInstanceOf(ApiException.class);
        assertThatCode(() -> limiter.requireAvailable(LimitKind.USERNAME_FAILURES, "t", two, "bob"))
                .doesNotThrowAnyException();
        assertThat(metrics.counter("biometric.rate_limits.rejected", "limit", "username_failures").count())
                .isEqualTo(1);
    }

    @Test
    void spendingAFailureRefusesOnlyOnceNoneIsLeftAndIsCounted() {
        RateLimits.Limit two = new RateLimits.Limit(2, Duration.ofMinutes(15));

        assertThat(limiter.spendOrRefusal(LimitKind.USERNAME_FAILURES, "t", two, "alice")).isEmpty();
        assertThat(limiter.spendOrRefusal(LimitKind.USERNAME_FAILURES, "t", two, "alice")).isEmpty();
        assertThat(limiter.spendOrRefusal(LimitKind.USERNAME_FAILURES, "t", two, "alice")).hasValueSatisfying(e -> {
            assertCode(e.problem(), RateLimitProblem.RATE_LIMITED);
            assertThat(e.headers()).containsEntry("Retry-After", "450");
        });
        assertThat(limiter.spendOrRefusal(LimitKind.USERNAME_FAILURES, "t", two, "bob")).isEmpty();
        assertThat(metrics.counter("biometric.rate_limits.rejected", "limit", "username_failures").count())
                .isEqualTo(1);
    }

    @Test
    void concurrentFailuresGetNoMoreThanTheBudgetBeforeTheyAreRefused() throws Exception {
        RateLimits.Limit ten = new RateLimits.Limit(10, Duration.ofMinutes(15));
        int failures = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> refused = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < failures; i++) {
                refused.add(threads.submit(() -> {
                    start.await();
                    return limiter.spendOrRefusal(LimitKind.USERNAME_FAILURES, "t", ten, "alice").isPresent();
                }));
            }
            start.countDown();
            long admitted = 0;
            for (Future<Boolean> result : refused) {
                admitted += result.get() ? 0 : 1;
            }
            assertThat(admitted).isEqualTo(10);
        }
    }

    @Test
    void aSpentLimitRefillsOverItsPeriod() {
        RateLimits.Limit one = new RateLimits.Limit(1, Duration.ofMinutes(15));
        limiter.spend(LimitKind.USERNAME_FAILURES, "t", one, "alice");

        clock.advance(Duration.ofMinutes(15));

        assertThatCode(() -> limiter.requireAvailable(LimitKind.USERNAME_FAILURES, "t", one, "alice"))
                .doesNotThrowAnyException();
    }

    @Test
    void changedSettingsStartAFreshBucket() {
        limiter.consume(LimitKind.ADDRESS_REQUESTS, "t", new RateLimits.Limit(1, Duration.ofHours(1)), "a");

        assertThatCode(() -> limiter.consume(LimitKind.ADDRESS_REQUESTS, "t",
                new RateLimits.Limit(5, Duration.ofHours(1)), "a")).doesNotThrowAnyException();
    }

    @Test
    void aFailingStoreLetsTheRequestThroughAndIsCounted() {
        RateLimiter failing = new RateLimiter((key, limit) -> {
            throw new IllegalStateException("Redis is away");
        }, metrics);

        assertThatCode(() -> failing.consume(LimitKind.TENANT_REQUESTS, "t",
                new RateLimits.Limit(1, Duration.ofSeconds(1)), "*")).doesNotThrowAnyException();
        assertThat(metrics.counter("biometric.rate_limits.unavailable").count()).isEqualTo(1);
    }
}
