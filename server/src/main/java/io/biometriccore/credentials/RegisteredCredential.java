package io.biometriccore.credentials;

/** A credential just stored, with the device record created for it. */
public record RegisteredCredential(Credential credential, Device device) {
}
