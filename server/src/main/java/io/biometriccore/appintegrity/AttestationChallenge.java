package io.biometriccore.appintegrity;

import java.time.Instant;
import java.util.Objects;

/**
 * A single-use challenge for the bank's app on one device: 32 random bytes, base64url, bound to the
 * tenant, the customer and the device, valid until {@code expiresAt}. Issuing another replaces it.
 */
public record AttestationChallenge(String challenge, Instant expiresAt) {

    public AttestationChallenge {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
