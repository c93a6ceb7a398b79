package io.biometriccore.risk;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bank's signed account of an attempt: the {@code context} JWS of an options request, verified
 * against a context key the tenant registered (docs/risk.md "The bank's context"). What it says
 * outranks what the server could find out for itself.
 *
 * @param keyId     the {@code kid} of the context key that signed it
 * @param expiresAt its {@code exp}
 * @param ip        the customer's IP address as the bank saw it, when the bank's servers call on their behalf
 * @param location  the bank's {@link Place.Source#BANK} place, when it sent one
 * @param posture   the device's posture, {@link DevicePosture.Trust#SIGNED}, when it sent one
 */
public record BankContext(String keyId, Instant expiresAt, @Nullable String ip, @Nullable Place location,
        @Nullable DevicePosture posture) {

    public BankContext {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (location != null && location.source() != Place.Source.BANK) {
            throw new IllegalArgumentException("the bank's context holds the bank's place");
        }
        if (posture != null && posture.trust() != DevicePosture.Trust.SIGNED) {
            throw new IllegalArgumentException("the bank's context holds a signed posture");
        }
    }
}
