package io.biometriccore.sessions;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A verified authentication, as the sessions module needs it to open or raise a session.
 *
 * @param userHandle         base64url
 * @param backupEligible     the credential's BE flag: a synced passkey is not device-bound
 * @param trustedAttestation the credential's attestation chained to a trusted anchor at registration
 * @param requiredAcr        the level the client asked for, if any
 * @param dpopJkt            the thumbprint of a verified DPoP proof's key, to bind the session's tokens to
 * @param restricted         the credential is flagged for its model's FIDO metadata status and the tenant
 *                           wants a step-up: the authentication reaches no more than the tenant's weakest level
 * @param softwareKeys       the model's FIDO metadata says its keys are protected in software only: a BE=0
 *                           claim does not make the credential device-bound (ADR 0042)
 */
public record SignIn(String tenantId, UUID customerId, String userHandle, UUID deviceId, boolean userVerified,
        boolean backupEligible, boolean trustedAttestation, Channel channel, @Nullable String userAgent,
        @Nullable String requiredAcr, @Nullable String dpopJkt, boolean restricted, boolean softwareKeys) {

    /** A sign-in whose model's metadata does not say its keys are protected in software only. */
    public SignIn(String tenantId, UUID customerId, String userHandle, UUID deviceId, boolean userVerified,
            boolean backupEligible, boolean trustedAttestation, Channel channel, @Nullable String userAgent,
            @Nullable String requiredAcr, @Nullable String dpopJkt, boolean restricted) {
        this(tenantId, customerId, userHandle, deviceId, userVerified, backupEligible, trustedAttestation, channel,
                userAgent, requiredAcr, dpopJkt, restricted, false);
    }

    /** A sign-in that is not restricted. */
    public SignIn(String tenantId, UUID customerId, String userHandle, UUID deviceId, boolean userVerified,
            boolean backupEligible, boolean trustedAttestation, Channel channel, @Nullable String userAgent,
            @Nullable String requiredAcr, @Nullable String dpopJkt) {
        this(tenantId, customerId, userHandle, deviceId, userVerified, backupEligible, trustedAttestation, channel,
                userAgent, requiredAcr, dpopJkt, false);
    }

    public SignIn {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(channel, "channel");
    }

    /** BE=0 and not software keys by the model's metadata: what the policy counts as device-bound. */
    public boolean deviceBound() {
        return !backupEligible && !softwareKeys;
    }
}
