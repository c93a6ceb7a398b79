package io.biometriccore.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.DevicePosture;
import io.biometriccore.risk.DevicePosture.Trust;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.Place;
import io.biometriccore.tenancy.DecisionFacts;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A device's posture counts by who vouches for it: signed or attested asks for a step-up, claimed only adds points. */
class PostureSignalTests {

    private final PostureSignal signal = new PostureSignal();

    @Test
    void aSignedRootedDeviceAsksForAStepUpAtTheLeast() {
        assertThat(found(new DevicePosture(Trust.SIGNED, true, false, "14")))
                .extracting(RiskContribution::reason, RiskContribution::score, RiskContribution::floor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("device_rooted", 50, RiskOutcome.STEP_UP));
    }

    @Test
    void anAttestedEmulatorAsksForAStepUpAtTheLeast() {
        assertThat(found(new DevicePosture(Trust.ATTESTED, null, true, null)))
                .extracting(RiskContribution::reason, RiskContribution::score, RiskContribution::floor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("device_emulator", 40, RiskOutcome.STEP_UP));
    }

    @Test
    void aClaimedRootedEmulatorOnlyAddsPoints() {
        assertThat(found(new DevicePosture(Trust.CLAIMED, true, true, null)))
                .extracting(RiskContribution::reason, RiskContribution::score, RiskContribution::floor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("device_rooted_claimed", 25, null),
                        org.assertj.core.groups.Tuple.tuple("device_emulator_claimed", 20, null));
    }

    @Test
    void aHealthyOrUnknownPostureFindsNothing() {
        assertThat(found(new DevicePosture(Trust.SIGNED, false, false, "17.4.1"))).isEmpty();
        assertThat(found(new DevicePosture(Trust.SIGNED, null, null, null))).isEmpty();
        assertThat(found(null)).isEmpty();
    }

    @Test
    void explainsInPlainWordsAndGivesTheAnalystTheTrust() {
        RiskContribution rooted = found(new DevicePosture(Trust.SIGNED, true, null, "14")).getFirst();

        assertThat(rooted.explanation()).isEqualTo("an attempt from a rooted or jailbroken device");
        assertThat(rooted.detail()).isEqualTo("signed posture, OS 14");
    }

    private List<RiskContribution> found(@Nullable DevicePosture posture) {
        DecisionFacts authenticator = DecisionFacts.of(new UUID(0, 0), "none", "none", true, false, false, true, Set.of());
        RiskAttempt attempt = new RiskAttempt("bank", RiskAction.REGISTER, Instant.parse("2026-12-01T10:00:00Z"), null,
                null, authenticator, 0, null, null, Place.UNKNOWN, posture, null, CustomerHistory.NONE);
        return signal.evaluate(attempt, RiskPolicy.defaults());
    }
}
