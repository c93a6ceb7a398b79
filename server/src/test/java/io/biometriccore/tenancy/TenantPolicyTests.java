package io.biometriccore.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A challenge, and so a cross-channel request, lives at most 10 minutes (OWASP ASVS 5.0, 6.5.5). */
class TenantPolicyTests {

    @Test
    void theDefaultChallengeTimeoutIsFiveMinutes() {
        assertThat(TenantPolicy.defaults().challengeTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void rejectsAChallengeTimeoutOverTenMinutes() {
        assertThat(withTimeout(Duration.ofMinutes(10)).challengeTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThatIllegalArgumentException().isThrownBy(() -> withTimeout(Duration.ofMinutes(10).plusSeconds(1)))
                .withMessage("challengeTimeout must be between 30 seconds and 10 minutes");
    }

    @Test
    void rejectsAChallengeTimeoutUnderThirtySeconds() {
        assertThatIllegalArgumentException().isThrownBy(() -> withTimeout(Duration.ofSeconds(29)))
                .withMessage("challengeTimeout must be between 30 seconds and 10 minutes");
    }

    @Test
    void flaggedCredentialsMustStepUpByDefaultAndInAPolicyStoredBeforeTheMemberExisted() {
        TenantPolicy d = TenantPolicy.defaults();
        TenantPolicy stored = new TenantPolicy(d.userVerification(), d.residentKey(), d.attestation(),
                d.acceptedAttestationFormats(), false, false, false, d.allowedAlgorithms(), d.challengeTimeout(),
                null, null);

        assertThat(d.flaggedAuthenticators()).isEqualTo(FlaggedAuthenticators.STEP_UP);
        assertThat(stored.flaggedAuthenticators()).isEqualTo(FlaggedAuthenticators.STEP_UP);
        assertThat(stored.withStatusDeny(Set.of("REVOKED")).flaggedAuthenticators())
                .isEqualTo(FlaggedAuthenticators.STEP_UP);
        assertThat(TenantPolicy.withDefaults(null, null, null, null, null, null, null, null, null, null,
                FlaggedAuthenticators.SUSPEND).withStatusDeny(Set.of()).flaggedAuthenticators())
                .isEqualTo(FlaggedAuthenticators.SUSPEND);
    }

    private static TenantPolicy withTimeout(Duration timeout) {
        return TenantPolicy.withDefaults(null, null, null, null, null, null, null, null, timeout, null, null);
    }
}
