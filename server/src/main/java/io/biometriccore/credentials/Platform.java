package io.biometriccore.credentials;

/** Operating system families, as told by the registering client's user agent. */
public enum Platform {
    ANDROID, IOS, MACOS, WINDOWS, CHROMEOS, LINUX, UNKNOWN
}
