package io.biometriccore.risk;

import io.biometriccore.shared.ApiException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bank's signed account of an attempt: the {@code context} JWS of an options request, verified
 * against a context key the tenant registered (docs/risk.md "The bank's context"). What it says
 * outranks what the server could find out for itself.
 *
 * @param keyId     the {@code kid} of the context key that signed it
 * @param subject   its {@code sub}: the username of the customer it is for, when the bank named one
 * @param expiresAt its {@code exp}
 * @param ip        the customer's IP address as the bank saw it, when the bank's servers call on their behalf
 * @param location  the bank's {@link Place.Source#BANK} place, when it sent one
 * @param posture   the device's posture, {@link DevicePosture.Trust#SIGNED}, when it sent one
 */
public record BankContext(String keyId, Instant expiresAt, @Nullable String subject, @Nullable String ip,
        @Nullable Place location, @Nullable DevicePosture posture) {

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

    /** A context for whichever customer finishes the ceremony. */
    public BankContext(String keyId, Instant expiresAt, @Nullable String ip, @Nullable Place location,
            @Nullable DevicePosture posture) {
        this(keyId, expiresAt, null, ip, location, posture);
    }

    /**
     * At the ceremony's finish, once its customer is known: a context that names a customer is for
     * that one only.
     *
     * @throws ApiException {@code context_subject_mismatch}
     */
    public void requireSubject(String username) {
        if (subject != null && !subject.equals(username)) {
            throw new ApiException(RiskProblem.CONTEXT_SUBJECT_MISMATCH, "The bank's context names another customer");
        }
    }
}
