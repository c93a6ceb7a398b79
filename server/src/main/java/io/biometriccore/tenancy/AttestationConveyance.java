package io.biometriccore.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** WebAuthn's {@code AttestationConveyancePreference} (§5.4.7). */
public enum AttestationConveyance {
    NONE, INDIRECT, DIRECT, ENTERPRISE;

    @JsonValue
    public String webAuthnValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AttestationConveyance fromWebAuthnValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
