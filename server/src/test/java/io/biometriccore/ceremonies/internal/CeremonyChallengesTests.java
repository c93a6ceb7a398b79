package io.biometriccore.ceremonies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} is whole seconds: never zero, never earlier than the store said. */
class CeremonyChallengesTests {

    @Test
    void retryAfterRoundsUpToWholeSecondsAndIsAtLeastOne() {
        assertThat(CeremonyChallenges.retryAfterSeconds(Duration.ZERO)).isOne();
        assertThat(CeremonyChallenges.retryAfterSeconds(Duration.ofMillis(1))).isOne();
        assertThat(CeremonyChallenges.retryAfterSeconds(Duration.ofSeconds(1))).isOne();
        assertThat(CeremonyChallenges.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(CeremonyChallenges.retryAfterSeconds(Duration.ofMinutes(8).plusSeconds(30))).isEqualTo(510);
    }
}
