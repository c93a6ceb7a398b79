package io.biometriccore.risk.internal;

import io.biometriccore.appintegrity.DeviceAttestation;
import io.biometriccore.appintegrity.DeviceIntegrity;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The bank's app on the signing device (ADR 0048): no verified attestation of it
 * ({@code app_attestation_missing}), or a refused attestation or assertion since the last verified one
 * ({@code app_attestation_failed}). What that means is the tenant's, per action
 * ({@code risk.appIntegrity}); by default nothing, and then the signal finds nothing. A registration has
 * no device yet, so it is not judged.
 */
@Component
class AppIntegritySignal implements RiskSignal {

    static final String NAME = "app_integrity";

    private final DeviceIntegrity integrity;

    AppIntegritySignal(DeviceIntegrity integrity) {
        this.integrity = integrity;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<RiskAction> actions() {
        return EnumSet.complementOf(EnumSet.of(RiskAction.REGISTER));
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        RiskOutcome outcome = policy.appIntegrityOf(attempt.action().policyAction());
        if (outcome == RiskOutcome.ALLOW || attempt.credential() == null) {
            return List.of();
        }
        Optional<DeviceAttestation> record = integrity.find(attempt.tenantId(), attempt.credential().deviceId());
        if (record.isEmpty()) {
            return List.of(new RiskContribution(NAME, "app_attestation_missing", 0, outcome,
                    "an attempt from a device the bank's app has not verified", null));
        }
        if (record.get().failureCode() != null) {
            return List.of(new RiskContribution(NAME, "app_attestation_failed", 0, outcome,
                    "an attempt from a device whose app check failed", record.get().failureCode()));
        }
        return List.of();
    }
}
