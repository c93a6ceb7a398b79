package io.biometriccore.evidencetools;

/**
 * The input is not an evidence bundle this verifier can read: a missing file, not JSON, an unknown
 * format, no JWS or no keys. Nothing is verified; the command exits 2.
 */
public final class UnreadableBundleException extends Exception {

    public UnreadableBundleException(String message) {
        super(message);
    }
}
