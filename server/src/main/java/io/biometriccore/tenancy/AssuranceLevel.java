package io.biometriccore.tenancy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One authentication assurance level a tenant defines, named as it appears in the {@code acr} claim.
 * An authentication reaches the level when it meets every requirement the level sets.
 *
 * @param name                a short token such as {@code aal2}
 * @param userVerification    the assertion had UV set (biometric or device PIN)
 * @param deviceBound         the credential is device-bound: not backup eligible (BE=0), so it cannot be synced,
 *                            and not of a model whose FIDO metadata says its keys are in software (ADR 0042)
 * @param hardwareAttestation the credential's attestation chains to a trusted anchor
 */
public record AssuranceLevel(String name, boolean userVerification, boolean deviceBound,
        boolean hardwareAttestation) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,31}");

    public AssuranceLevel {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("assurance level names are lower-case tokens of 1 to 32 characters");
        }
    }

    /** Whether an authentication with these properties reaches this level. */
    public boolean satisfiedBy(boolean userVerified, boolean notDeviceBound, boolean trustedAttestation) {
        return (!userVerification || userVerified) && (!deviceBound || !notDeviceBound)
                && (!hardwareAttestation || trustedAttestation);
    }
}
