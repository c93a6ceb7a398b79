package io.biometriccore.appintegrity;

import java.util.Objects;

/** A verified App Attest attestation: the key to keep for assertions, and the posture it proved. */
public record AppAttested(AppAttestKey key, VerifiedPosture posture) {

    public AppAttested {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(posture, "posture");
    }
}
