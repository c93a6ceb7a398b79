package io.biometriccore.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.tenancy.RateLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VelocityTests {

    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final MutableClock clock = alignedClock();
    private final Velocity velocity = TestVelocity.inMemory(clock);

    @Test
    void countsWhatWasAddedForTheSubjectOnly() {
        velocity.add("customer_failures", "bank", "alice", WINDOW);
        velocity.add("customer_failures", "bank", "alice", WINDOW);

        assertThat(velocity.count("customer_failures", "bank", "alice", WINDOW)).isEqualTo(2);
        assertThat(velocity.count("customer_failures", "bank", "bob", WINDOW)).isZero();
        assertThat(velocity.count("customer_failures", "other-bank", "alice", WINDOW)).isZero();
        assertThat(velocity.count("customer_attempts", "bank", "alice", WINDOW)).isZero();
    }

    @Test
    void addAnswersTheCountWithTheNewOne() {
        assertThat(velocity.add("ip_attempts", "bank", "203.0.113.7", WINDOW)).isEqualTo(1);
        assertThat(velocity.add("ip_attempts", "bank", "203.0.113.7", WINDOW)).isEqualTo(2);
    }

    @Test
    void slidesThePreviousWindowOutAsTimePasses() {
        for (int i = 0; i < 4; i++) {
            velocity.add("customer_failures", "bank", "alice", WINDOW);
        }
        clock.advance(WINDOW.plusMinutes(5));
        assertThat(velocity.count("customer_failures", "bank", "alice", WINDOW)).isEqualTo(2);

        clock.advance(Duration.ofMinutes(5));
        assertThat(velocity.count("customer_failures", "bank", "alice", WINDOW)).isZero();
    }

    @Test
    void roundsThePreviousWindowUpSoABurstAtTheTurnIsNotLost() {
        clock.advance(WINDOW.minusSeconds(1));
        for (int i = 0; i < 3; i++) {
            velocity.add("customer_failures", "bank", "alice", WINDOW);
        }
        clock.advance(Duration.ofSeconds(2));

        assertThat(velocity.count("customer_failures", "bank", "alice", WINDOW)).isEqualTo(3);
    }

    @Test
    void aDifferentWindowCountsApart() {
        velocity.add("customer_failures", "bank", "alice", WINDOW);

        assertThat(velocity.count("customer_failures", "bank", "alice", Duration.ofMinutes(15))).isZero();
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() {
        assertThat(velocity.addressSubject("bank", "2001:db8:1:2::1"))
                .isEqualTo(velocity.addressSubject("bank", "2001:db8:1:2::ffff"));
        assertThat(velocity.addressSubject("bank", "203.0.113.7")).contains("203.0.113.7");
        assertThat(velocity.addressSubject("bank", "not-an-address")).isEmpty();
    }

    @Test
    void aLoopbackAddressIsNoCustomersAndNotASubject() {
        assertThat(velocity.addressSubject("bank", "127.0.0.1")).isEmpty();
        assertThat(velocity.addressSubject("bank", "::1")).isEmpty();
    }

    @Test
    void anAddressTheTenantExemptsFromItsRateLimitsIsNotASubject() {
        RateLimits exempting = RateLimits.withDefaults(null, null, null, null, List.of("203.0.113.0/24"));
        Velocity sparing = TestVelocity.inMemory(clock, exempting);

        assertThat(sparing.addressSubject("bank", "203.0.113.7")).isEmpty();
        assertThat(sparing.addressSubject("bank", "198.51.100.7")).contains("198.51.100.7");
    }

    @Test
    void refusesACounterThatIsNotACode() {
        assertThatThrownBy(() -> velocity.add("Customer Failures", "bank", "alice", WINDOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** At the start of a 10-minute window, so that the tests know where the turns are. */
    private static MutableClock alignedClock() {
        MutableClock clock = new MutableClock();
        long millis = clock.millis();
        clock.advance(Duration.ofMillis(WINDOW.toMillis() - Math.floorMod(millis, WINDOW.toMillis())));
        return clock;
    }
}
