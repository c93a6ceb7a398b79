package io.biometriccore.risk.internal;

import io.biometriccore.risk.DevicePosture;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A rooted (or jailbroken) device, or an emulator, weighed by who vouches for the report: verified by
 * attestation or signed by the bank, it asks for a step-up at the least; merely claimed by the client,
 * it only adds points, since whoever could lie about it would simply leave it out.
 */
@Component
class PostureSignal implements RiskSignal {

    static final String NAME = "posture";
    private static final String ROOTED = "an attempt from a rooted or jailbroken device";
    private static final String EMULATOR = "an attempt from an emulator rather than a phone";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        DevicePosture posture = attempt.posture();
        if (posture == null) {
            return List.of();
        }
        boolean trusted = posture.trust() != DevicePosture.Trust.CLAIMED;
        String detail = posture.trust().wireName() + " posture"
                + (posture.osVersion() == null ? "" : ", OS " + posture.osVersion());
        List<RiskContribution> found = new ArrayList<>(2);
        if (Boolean.TRUE.equals(posture.rooted())) {
            found.add(trusted
                    ? new RiskContribution(NAME, "device_rooted", 50, RiskOutcome.STEP_UP, ROOTED, detail)
                    : RiskContribution.of(NAME, "device_rooted_claimed", 25, ROOTED, detail));
        }
        if (Boolean.TRUE.equals(posture.emulator())) {
            found.add(trusted
                    ? new RiskContribution(NAME, "device_emulator", 40, RiskOutcome.STEP_UP, EMULATOR, detail)
                    : RiskContribution.of(NAME, "device_emulator_claimed", 20, EMULATOR, detail));
        }
        return List.copyOf(found);
    }
}
