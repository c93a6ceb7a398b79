package io.biometriccore.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionPolicyTests {

    private final SessionPolicy defaults = SessionPolicy.defaults();

    @Test
    void aSessionReachesTheStrongestLevelItsAuthenticationMeets() {
        assertThat(defaults.levelReached(false, true, false, "aal2")).hasValue("aal1");
        assertThat(defaults.levelReached(true, true, true, "aal2")).hasValue("aal2");
        assertThat(defaults.levelReached(true, false, false, "aal2")).hasValue("aal2");
        assertThat(defaults.levelReached(true, false, true, "aal2")).hasValue("aal3");
    }

    @Test
    void aSyncedPasskeyNeverReachesAal3EvenWhereTheTenantsAal3DoesNotAskForDeviceBound() {
        SessionPolicy lax = SessionPolicy.withDefaults(null, null, null, null, null, null, List.of(
                new AssuranceLevel("aal1", false, false, false), new AssuranceLevel("aal2", true, false, false),
                new AssuranceLevel("aal3", true, false, false)));

        assertThat(lax.levelReached(true, false, false, "aal2")).hasValue("aal3");
        assertThat(lax.levelReached(true, true, true, "aal2")).hasValue("aal2");
    }

    @Test
    void thePolicyMayLowerTheSyncedCeilingToAal1() {
        assertThat(defaults.levelReached(true, true, true, "aal1")).hasValue("aal1");
        assertThat(defaults.levelReached(true, false, false, "aal1")).hasValue("aal2");
    }

    @Test
    void levelsCompareByTheirOrderAndUnknownNamesNeverSatisfy() {
        assertThat(defaults.atLeast("aal3", "aal2")).isTrue();
        assertThat(defaults.atLeast("aal2", "aal2")).isTrue();
        assertThat(defaults.atLeast("aal2", "aal3")).isFalse();
        assertThat(defaults.atLeast("gold", "aal1")).isFalse();
        assertThat(defaults.atLeast("aal3", "gold")).isFalse();
    }

    @Test
    void rejectsAnAccessTokenLifetimeOverAnHour() {
        assertThatThrownBy(() -> SessionPolicy.withDefaults(Duration.ofHours(2), null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accessTokenLifetime");
    }

    @Test
    void rejectsAnAbsoluteLifetimeShorterThanTheIdleTimeout() {
        assertThatThrownBy(() -> SessionPolicy.withDefaults(null, Duration.ofHours(2), Duration.ofHours(1), null, null,
                null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessionAbsoluteLifetime");
    }

    @Test
    void rejectsASensitiveActionLevelThatIsNotDefined() {
        assertThatThrownBy(() -> SessionPolicy.withDefaults(null, null, null, null, null, "gold", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sensitiveActionAcr");
    }

    @Test
    void rejectsRepeatedLevelNames() {
        List<AssuranceLevel> twice = List.of(new AssuranceLevel("aal2", true, false, false),
                new AssuranceLevel("aal2", true, true, false));
        assertThatThrownBy(() -> SessionPolicy.withDefaults(null, null, null, null, null, "aal2", twice))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    }

    @Test
    void rejectsALevelNameThatIsNotAToken() {
        assertThatThrownBy(() -> new AssuranceLevel("AAL 2", true, false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
