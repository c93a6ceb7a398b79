package io.biometriccore.ceremonies.internal;

public enum CeremonyType {
    REGISTRATION, AUTHENTICATION
}
