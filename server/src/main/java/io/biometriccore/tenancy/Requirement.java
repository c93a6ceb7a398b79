package io.biometriccore.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** WebAuthn's {@code UserVerificationRequirement} and {@code ResidentKeyRequirement} values (§5.4.6, §5.8.6). */
public enum Requirement {
    REQUIRED, PREFERRED, DISCOURAGED;

    @JsonValue
    public String webAuthnValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Requirement fromWebAuthnValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
