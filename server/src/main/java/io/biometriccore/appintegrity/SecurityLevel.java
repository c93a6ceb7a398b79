package io.biometriccore.appintegrity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where the attested key lives, weakest first: Android's {@code SecurityLevel} (Software, TrustedEnvironment,
 * StrongBox) and Apple's Secure Enclave, where every App Attest key lives.
 */
public enum SecurityLevel {
    SOFTWARE, TEE, STRONGBOX, SECURE_ENCLAVE;

    /** Whether this level is hardware-backed: the key cannot be copied out of the phone. */
    public boolean hardware() {
        return this != SOFTWARE;
    }

    /** Whether this level satisfies {@code minimum}; the Secure Enclave counts as StrongBox. */
    public boolean atLeast(SecurityLevel minimum) {
        return rank() >= minimum.rank();
    }

    private int rank() {
        return this == SECURE_ENCLAVE ? STRONGBOX.ordinal() : ordinal();
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
