package io.biometriccore.appintegrity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The phone's operating system, as its attestation proves it. */
public enum Platform {
    IOS, ANDROID;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
