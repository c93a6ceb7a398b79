package io.biometriccore.ceremonies;

import io.biometriccore.risk.BankContexts;
import io.biometriccore.tenancy.AttestationConveyance;
import io.biometriccore.tenancy.Requirement;
import org.jspecify.annotations.Nullable;

/**
 * A request for creation options. The optional members are client preferences: residentKey and
 * attestation replace the tenant's when given; userVerification can only make the policy stricter.
 * {@code risk} is what the request reported of the attempt (the bank's context, a posture claim), kept
 * with the pending ceremony for the risk engine.
 */
public record RegistrationStart(String username, @Nullable String displayName, @Nullable Requirement residentKey,
        @Nullable AttestationConveyance attestation, @Nullable Requirement userVerification,
        BankContexts.Reported risk) {

    public RegistrationStart {
        java.util.Objects.requireNonNull(risk, "risk");
    }

    public RegistrationStart(String username, @Nullable String displayName, @Nullable Requirement residentKey,
            @Nullable AttestationConveyance attestation, @Nullable Requirement userVerification) {
        this(username, displayName, residentKey, attestation, userVerification, BankContexts.Reported.NONE);
    }

    public static RegistrationStart of(String username, @Nullable String displayName) {
        return new RegistrationStart(username, displayName, null, null, null);
    }

    /** This request with what it reported of the attempt. */
    public RegistrationStart withRisk(BankContexts.Reported reported) {
        return new RegistrationStart(username, displayName, residentKey, attestation, userVerification, reported);
    }
}
