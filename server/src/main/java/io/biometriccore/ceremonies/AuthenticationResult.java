package io.biometriccore.ceremonies;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.credentials.KeyProtection;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.sessions.Channel;
import io.biometriccore.sessions.SignIn;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A successful authentication. {@code userHandle} and {@code credentialId} are base64url.
 *
 * @param attestationTrust how the credential's attestation was judged at registration
 * @param origin           the verified origin of the assertion
 * @param context          what the ceremony was started for; not part of the JSON answer
 * @param restricted       the credential is flagged and the tenant's {@code flaggedAuthenticators} is
 *                         {@code step_up}: the session it opens is at the tenant's weakest level
 *                         or the risk engine asked a sign-in to step up
 * @param keyProtection    what the model's FIDO metadata said of its keys at registration (ADR 0042)
 * @param risk             the risk engine's assessment (docs/risk.md); null only where no engine ran
 */
public record AuthenticationResult(UUID customerId, String username, String userHandle, String credentialId,
        UUID deviceId, long signCount, AuthenticatorFlags flags, AttestationTrust attestationTrust,
        @JsonIgnore String origin, @JsonIgnore CeremonyContext context, @JsonIgnore boolean restricted,
        @JsonIgnore KeyProtection keyProtection, @JsonIgnore @Nullable RiskAssessment risk) {

    /** An authentication the risk engine did not assess. */
    public AuthenticationResult(UUID customerId, String username, String userHandle, String credentialId,
            UUID deviceId, long signCount, AuthenticatorFlags flags, AttestationTrust attestationTrust, String origin,
            CeremonyContext context, boolean restricted, KeyProtection keyProtection) {
        this(customerId, username, userHandle, credentialId, deviceId, signCount, flags, attestationTrust, origin,
                context, restricted, keyProtection, null);
    }

    /** An authentication by a credential of a model whose keys' protection is not known. */
    public AuthenticationResult(UUID customerId, String username, String userHandle, String credentialId,
            UUID deviceId, long signCount, AuthenticatorFlags flags, AttestationTrust attestationTrust, String origin,
            CeremonyContext context, boolean restricted) {
        this(customerId, username, userHandle, credentialId, deviceId, signCount, flags, attestationTrust, origin,
                context, restricted, KeyProtection.UNKNOWN);
    }

    /** An authentication by a credential that is not restricted. */
    public AuthenticationResult(UUID customerId, String username, String userHandle, String credentialId,
            UUID deviceId, long signCount, AuthenticatorFlags flags, AttestationTrust attestationTrust, String origin,
            CeremonyContext context) {
        this(customerId, username, userHandle, credentialId, deviceId, signCount, flags, attestationTrust, origin,
                context, false);
    }

    /**
     * The level the session must step up to before it counts for more than the tenant's weakest: the
     * tenant's {@code risk.stepUpAcr}, when the risk engine asked a sign-in to step up; else absent.
     */
    @JsonProperty("stepUpAcr")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public @Nullable String stepUpAcr() {
        boolean signIn = risk != null && (risk.attempt().action() == RiskAction.SIGN_IN
                || risk.attempt().action() == RiskAction.CROSS_CHANNEL_APPROVAL);
        return signIn && risk.stepUp() ? risk.stepUpAcr() : null;
    }

    /**
     * Whether the policy counts the credential device-bound: BE=0, and its model's metadata does not say
     * its keys are protected in software only (ADR 0042).
     */
    @JsonIgnore
    public boolean deviceBound() {
        return keyProtection.deviceBound(flags.backupEligible());
    }

    /**
     * What the sessions module needs to open or raise a session with this authentication.
     *
     * @param dpopJkt the key of a verified DPoP proof sent with the assertion, to bind the tokens to
     */
    public SignIn toSignIn(String tenantId, Channel channel, @Nullable String userAgent, @Nullable String dpopJkt) {
        return new SignIn(tenantId, customerId, userHandle, deviceId, flags.userVerified(), flags.backupEligible(),
                attestationTrust == AttestationTrust.TRUSTED, channel, userAgent, context.requiredAcr(), dpopJkt,
                restricted, keyProtection == KeyProtection.SOFTWARE);
    }
}
