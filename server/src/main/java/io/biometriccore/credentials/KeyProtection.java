package io.biometriccore.credentials;

import java.util.Set;

/**
 * What the model's FIDO MDS3 metadata statement says protects its keys ({@code keyProtection}, FIDO
 * Registry of Predefined Values §3.2), recorded at registration only when a statement was in force for
 * the model and the attestation was trusted (ADR 0042). A credential's BE=0 claim makes it device-bound
 * for the policy unless this is {@link #SOFTWARE}.
 */
public enum KeyProtection {
    /** The statement names {@code hardware}, {@code tee} or {@code secure_element}. */
    HARDWARE,
    /** The statement names keyProtection values, but none of those: the keys are protected in software. */
    SOFTWARE,
    /** No statement was in force for the model, it lists no keyProtection, or the attestation was not trusted. */
    UNKNOWN;

    private static final Set<String> HARDWARE_VALUES = Set.of("hardware", "tee", "secure_element");

    /** Whether a credential with this BE flag is device-bound for the policy: BE=0, and its keys not in software. */
    public boolean deviceBound(boolean backupEligible) {
        return !backupEligible && this != SOFTWARE;
    }

    /** @param keyProtection a statement's keyProtection values, as MDS spells them */
    public static KeyProtection of(Set<String> keyProtection) {
        if (keyProtection.isEmpty()) {
            return UNKNOWN;
        }
        return keyProtection.stream().anyMatch(HARDWARE_VALUES::contains) ? HARDWARE : SOFTWARE;
    }
}
