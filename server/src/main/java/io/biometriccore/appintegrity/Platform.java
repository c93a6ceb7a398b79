package io.biometriccore.appintegrity;

import java.util.Locale;

/** The phone's operating system, as its attestation proves it. */
public enum Platform {
    IOS, ANDROID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
