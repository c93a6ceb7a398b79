package io.biometriccore.ceremonies;

import io.biometriccore.tenancy.AttestationConveyance;
import io.biometriccore.tenancy.Requirement;
import org.jspecify.annotations.Nullable;

/**
 * A request for creation options. The optional members are client preferences: residentKey and
 * attestation replace the tenant's when given; userVerification can only make the policy stricter.
 */
public record RegistrationStart(String username, @Nullable String displayName, @Nullable Requirement residentKey,
        @Nullable AttestationConveyance attestation, @Nullable Requirement userVerification) {

    public static RegistrationStart of(String username, @Nullable String displayName) {
        return new RegistrationStart(username, displayName, null, null, null);
    }
}
