package io.biometriccore.ceremonies.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A shared store's per-node cap (ADR 0026): the ceremonies this node saved and has not seen taken,
 * each until its own expiry.
 */
class PendingQuotaTests {

    private static final Duration LIFETIME = Duration.ofMinutes(6);

    private final MutableClock clock = new MutableClock();

    private Instant in(Duration duration) {
        return clock.instant().plus(duration);
    }

    @Test
    void admitsUpToTheCapThenRefuses() {
        PendingQuota quota = new PendingQuota(3, clock);

        assertThat(quota.admit("a", in(LIFETIME))).isEmpty();
        assertThat(quota.admit("b", in(LIFETIME))).isEmpty();
        assertThat(quota.admit("c", in(LIFETIME))).isEmpty();
        assertThat(quota.admit("d", in(LIFETIME))).isPresent();
        assertThat(quota.pending()).isEqualTo(3);
    }

    @Test
    void aTakeFreesAPlaceAtOnce() {
        PendingQuota quota = new PendingQuota(2, clock);
        quota.admit("a", in(LIFETIME));
        quota.admit("b", in(LIFETIME));
        assertThat(quota.admit("c", in(LIFETIME))).isPresent();

        quota.release("a");

        assertThat(quota.admit("c", in(LIFETIME))).isEmpty();
        assertThat(quota.admit("d", in(LIFETIME))).as("the freed place is taken again").isPresent();
    }

    @Test
    void aTakeOfAnUnknownKeyChangesNothing() {
        PendingQuota quota = new PendingQuota(2, clock);
        quota.admit("a", in(LIFETIME));
        quota.admit("b", in(LIFETIME));

        quota.release("issued-by-another-node");

        assertThat(quota.pending()).isEqualTo(2);
        assertThat(quota.admit("c", in(LIFETIME))).isPresent();
    }

    @Test
    void aSecondTakeOfOneKeyFreesNothingMore() {
        PendingQuota quota = new PendingQuota(3, clock);
        quota.admit("a", in(LIFETIME));
        quota.admit("b", in(LIFETIME));

        quota.release("a");
        quota.release("a");

        assertThat(quota.pending()).isEqualTo(1);
    }

    @Test
    void entriesLeaveAtTheirOwnExpiry() {
        PendingQuota quota = new PendingQuota(10, clock);
        quota.admit("five-minutes", in(Duration.ofMinutes(5)));
        quota.admit("one-minute", in(Duration.ofMinutes(1)));
        quota.admit("ten-minutes", in(Duration.ofMinutes(10)));
        quota.admit("thirty-seconds", in(Duration.ofSeconds(30)));

        clock.advance(Duration.ofSeconds(30).minusMillis(1));
        assertThat(quota.pending()).isEqualTo(4);
        clock.advance(Duration.ofMillis(1));
        assertThat(quota.pending()).as("at its expiry").isEqualTo(3);
        clock.advance(Duration.ofSeconds(30).minusMillis(1));
        assertThat(quota.pending()).isEqualTo(3);
        clock.advance(Duration.ofMillis(1));
        assertThat(quota.pending()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(4));
        assertThat(quota.pending()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(quota.pending()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(quota.pending()).isZero();
    }

    @Test
    void ceremoniesOfOneLifetimeSavedOutOfOrderStillLeaveAtTheirOwnExpiry() {
        PendingQuota quota = new PendingQuota(10, clock);
        Instant start = clock.instant();
        quota.admit("later", start.plus(LIFETIME).plusMillis(20));
        quota.admit("earlier", start.plus(LIFETIME).plusMillis(5));
        quota.admit("middle", start.plus(LIFETIME).plusMillis(10));

        clock.advance(LIFETIME.plusMillis(5));
        assertThat(quota.pending()).isEqualTo(2);
        clock.advance(Duration.ofMillis(5));
        assertThat(quota.pending()).isEqualTo(1);
        clock.advance(Duration.ofMillis(10));
        assertThat(quota.pending()).isZero();
    }

    @Test
    void aCeremonySavedAfterTheClockWentBackLeavesAtItsOwnExpiry() {
        PendingQuota quota = new PendingQuota(1000, clock);
        for (int i = 0; i < 100; i++) {
            quota.admit("before-" + i, in(LIFETIME));
        }
        clock.advance(Duration.ofMinutes(-1));
        quota.admit("after", in(LIFETIME));

        clock.advance(LIFETIME.minusMillis(1));
        assertThat(quota.pending()).isEqualTo(101);
        clock.advance(Duration.ofMillis(1));
        assertThat(quota.pending()).isEqualTo(100);
    }

    /** However far out of order saves come, a count is never short: nothing leaves before its expiry. */
    @Test
    void entriesSavedInAnyOrderNeverLeaveBeforeTheirExpiry() {
        PendingQuota quota = new PendingQuota(1000, clock);
        Random random = new Random(26);
        List<Instant> expiries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Instant expiry = in(LIFETIME.plusMillis(random.nextInt(-499, 500)));
            expiries.add(expiry);
            quota.admit("c" + i, expiry);
        }
        clock.advance(LIFETIME.minusMillis(500));
        for (int ms = 0; ms < 1000; ms++) {
            Instant now = clock.instant();
            long live = expiries.stream().filter(now::isBefore).count();
            assertThat((long) quota.pending()).isGreaterThanOrEqualTo(live);
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(quota.pending()).isZero();
    }

    @Test
    void aRefusalSaysHowLongUntilTheEarliestEntryExpires() {
        PendingQuota quota = new PendingQuota(3, clock);
        quota.admit("five-minutes", in(Duration.ofMinutes(5)));
        quota.admit("two-minutes", in(Duration.ofMinutes(2)));
        quota.admit("ten-minutes", in(Duration.ofMinutes(10)));
        clock.advance(Duration.ofSeconds(45));

        assertThat(quota.admit("refused", in(LIFETIME))).hasValue(Duration.ofSeconds(75));
        quota.release("two-minutes");
        quota.admit("six-minutes", in(LIFETIME));
        assertThat(quota.admit("refused", in(LIFETIME))).hasValue(Duration.ofMinutes(5).minusSeconds(45));
    }

    @Test
    void anExpiredEntryMakesRoomForTheNextSave() {
        PendingQuota quota = new PendingQuota(1, clock);
        quota.admit("a", in(Duration.ofMinutes(1)));
        assertThat(quota.admit("b", in(LIFETIME))).isPresent();

        clock.advance(Duration.ofMinutes(1));

        assertThat(quota.admit("b", in(LIFETIME))).isEmpty();
        assertThat(quota.pending()).isEqualTo(1);
    }

    @Test
    void aKeySavedTwiceIsCountedOnceWithItsNewExpiry() {
        PendingQuota quota = new PendingQuota(2, clock);
        quota.admit("a", in(Duration.ofMinutes(1)));
        quota.admit("a", in(Duration.ofMinutes(3)));

        assertThat(quota.pending()).isEqualTo(1);
        quota.admit("b", in(Duration.ofMinutes(3)));
        assertThat(quota.admit("a", in(Duration.ofMinutes(3)))).as("at the cap, but it takes no new place").isEmpty();
        quota.release("b");
        clock.advance(Duration.ofMinutes(2));
        assertThat(quota.pending()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(quota.pending()).isZero();
    }

    /** 1,000,000 sign-ins, one every millisecond (1,000 a second), each taken here 200 ms after it started. */
    @Test
    void sustainedIssueAndTakeAtAHighRateNeverReachesTheCap() {
        PendingQuota quota = new PendingQuota(1000, clock);
        int inFlight = 200;
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(quota.admit("c" + i, in(LIFETIME))).isEmpty();
            if (i >= inFlight) {
                quota.release("c" + (i - inFlight));
            }
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(quota.pending()).isEqualTo(inFlight);
    }

    /**
     * Round robin over three nodes: two of every three ceremonies this node saves are taken elsewhere
     * and stay counted here for their six-minute lifetime (five minutes and a minute of grace). At the
     * cap c, that allows c / (2/3 × 360 s) starts a second: with c = 1,000, 4.16 a second. At 4 a
     * second for an hour, it never refuses; at 5 a second it does.
     */
    @Test
    void ceremoniesTakenOnOtherNodesStayCountedUntilTheirExpiry() {
        assertThat(refusalsInAnHourOfRoundRobin(Duration.ofMillis(250))).isZero();
        assertThat(refusalsInAnHourOfRoundRobin(Duration.ofMillis(200))).isPositive();
    }

    private int refusalsInAnHourOfRoundRobin(Duration between) {
        MutableClock time = new MutableClock();
        PendingQuota quota = new PendingQuota(1000, time);
        int refusals = 0;
        for (int i = 0; i < Duration.ofHours(1).dividedBy(between); i++) {
            String key = "c" + i;
            if (quota.admit(key, time.instant().plus(LIFETIME)).isPresent()) {
                refusals++;
            } else if (i % 3 == 0) {
                quota.release(key);
            }
            time.advance(between);
        }
        return refusals;
    }

    @Test
    void concurrentSavesNeverExceedTheCap() throws Exception {
        PendingQuota quota = new PendingQuota(1000, clock);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                admitted.add(threads.submit(() -> {
                    start.await();
                    return (int) IntStream.range(0, 500)
                            .filter(i -> quota.admit(thread + ":" + i, in(LIFETIME)).isEmpty()).count();
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> a : admitted) {
                total += a.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(1000);
            assertThat(quota.pending()).isEqualTo(1000);
        }
    }

    /** Eight threads saving and taking at once, each holding at most two: a cap of sixteen is never reached. */
    @Test
    void concurrentSavesAndTakesKeepTheCountExact() throws Exception {
        PendingQuota quota = new PendingQuota(16, clock);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Long>> refused = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                refused.add(threads.submit(() -> {
                    start.await();
                    long refusals = 0;
                    for (int i = 0; i < 50_000; i++) {
                        Optional<Duration> full = quota.admit(thread + ":" + i, in(LIFETIME));
                        refusals += full.isPresent() ? 1 : 0;
                        if (i > 0) {
                            quota.release(thread + ":" + (i - 1));
                        }
                    }
                    quota.release(thread + ":" + 49_999);
                    return refusals;
                }));
            }
            start.countDown();
            for (Future<Long> r : refused) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isZero();
            }
            assertThat(quota.pending()).isZero();
        }
    }

    @Test
    void refusesACapBelowOne() {
        assertThatThrownBy(() -> new PendingQuota(0, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-pending");
    }
}
