package io.biometriccore.appintegrity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The phone's boot state as its attestation states it: Android's {@code VerifiedBootState}, or
 * {@link #NOT_ATTESTED} where the platform attests none (App Attest vouches for the app and the
 * Secure Enclave, not for the boot chain).
 */
public enum BootState {
    VERIFIED, SELF_SIGNED, UNVERIFIED, FAILED, NOT_ATTESTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
