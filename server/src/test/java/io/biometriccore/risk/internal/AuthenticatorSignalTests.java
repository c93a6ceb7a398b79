package io.biometriccore.risk.internal;

import static io.biometriccore.risk.internal.TestAttempts.facts;
import static io.biometriccore.risk.internal.TestAttempts.signIn;
import static io.biometriccore.risk.internal.TestAttempts.withAction;
import static io.biometriccore.risk.internal.TestAttempts.withAuthenticator;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorSignalTests {

    private final AuthenticatorSignal signal = new AuthenticatorSignal();

    @Test
    void aTrustedCertifiedDeviceBoundAuthenticatorContributesNothing() {
        assertThat(evaluate(RiskAction.APPROVE_TRANSACTION, facts("trusted", false, Set.of("FIDO_CERTIFIED_L2")))).isEmpty();
    }

    @Test
    void anUntrustedAttestationAddsTenPoints() {
        assertThat(evaluate(RiskAction.SIGN_IN, facts("untrusted", false, Set.of())))
                .singleElement().satisfies(c -> {
                    assertThat(c.reason()).isEqualTo("attestation_untrusted");
                    assertThat(c.score()).isEqualTo(10);
                    assertThat(c.floor()).isNull();
                });
    }

    @Test
    void noAttestationAndSelfAttestationAddTenPoints() {
        assertThat(evaluate(RiskAction.SIGN_IN, facts("none", false, Set.of()))).extracting(RiskContribution::reason)
                .containsExactly("attestation_none");
        assertThat(evaluate(RiskAction.SIGN_IN, facts("self", false, Set.of()))).extracting(RiskContribution::score)
                .containsExactly(10);
    }

    @Test
    void statusReportsOtherThanACertificationAddFifteenPointsNamingThem() {
        List<RiskContribution> found = evaluate(RiskAction.SIGN_IN,
                facts("trusted", false, Set.of("FIDO_CERTIFIED", "USER_VERIFICATION_BYPASS", "NOT_FIDO_CERTIFIED")));

        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("authenticator_status");
            assertThat(c.score()).isEqualTo(15);
            assertThat(c.detail()).isEqualTo("NOT_FIDO_CERTIFIED, USER_VERIFICATION_BYPASS");
        });
    }

    @Test
    void aSyncedPasskeyCountsForAPaymentApprovalOnly() {
        assertThat(evaluate(RiskAction.APPROVE_TRANSACTION, facts("trusted", true, Set.of())))
                .extracting(RiskContribution::reason, RiskContribution::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("synced_credential", 10));
        assertThat(evaluate(RiskAction.SIGN_IN, facts("trusted", true, Set.of()))).isEmpty();
    }

    private List<RiskContribution> evaluate(RiskAction action, io.biometriccore.tenancy.DecisionFacts facts) {
        return signal.evaluate(withAuthenticator(withAction(signIn(), action), facts), RiskPolicy.defaults());
    }
}
