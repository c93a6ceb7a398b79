package io.biometriccore.sessions;

import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.PublishedKey;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.sessions.internal.AssuranceCheck;
import io.biometriccore.sessions.internal.DPoPVerifier;
import io.biometriccore.sessions.internal.RefreshRotation;
import io.biometriccore.sessions.internal.SessionOpening;
import io.biometriccore.sessions.internal.SessionRepository;
import io.biometriccore.sessions.internal.SessionRevocation;
import io.biometriccore.sessions.internal.TokenInspection;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sessions module's facade: opens sessions on sign-in, raises them on step-up, rotates refresh
 * tokens, checks access tokens and ends sessions. Every operation is scoped by tenant; each is the
 * work of one part named for its activity ({@link SessionOpening}, {@link RefreshRotation},
 * {@link TokenInspection}, {@link AssuranceCheck}, {@link SessionRevocation}), and this class owns the
 * transactions.
 */
@Service
public class Sessions {

    private final SessionOpening opening;
    private final RefreshRotation rotation;
    private final TokenInspection inspection;
    private final AssuranceCheck assurance;
    private final SessionRevocation revocation;
    private final SessionRepository repository;
    private final DPoPVerifier dpop;
    private final Tenants tenants;
    private final SigningKeys signingKeys;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Sessions(SessionOpening opening, RefreshRotation rotation, TokenInspection inspection, AssuranceCheck assurance,
            SessionRevocation revocation, SessionRepository repository, DPoPVerifier dpop, Tenants tenants,
            SigningKeys signingKeys, ApplicationEventPublisher events, Clock clock) {
        this.opening = opening;
        this.rotation = rotation;
        this.inspection = inspection;
        this.assurance = assurance;
        this.revocation = revocation;
        this.repository = repository;
        this.dpop = dpop;
        this.tenants = tenants;
        this.signingKeys = signingKeys;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens a session for a verified authentication. Its {@code acr} is the strongest level the
     * authentication reached.
     *
     * @throws ApiException {@code acr_not_met} when it reached no level, or not the one asked for
     */
    @Transactional
    public TokenResponse signIn(SignIn signIn) {
        return opening.open(signIn);
    }

    /**
     * Opens a session for a sign-in the customer approved on another device. Nothing ties the approval
     * to the browser that receives the session, which may be a phisher's relaying the request (ADR 0022):
     * the session is marked {@value Session#APPROVED_ON_ANOTHER_DEVICE} in {@code amr}, reaches at most
     * the level of a synced passkey, and does no sensitive action before a step-up in its own browser.
     *
     * @throws ApiException {@code acr_not_met} when it reached no level
     */
    @Transactional
    public TokenResponse signInApprovedOnAnotherDevice(SignIn signIn) {
        return opening.openApprovedOnAnotherDevice(signIn);
    }

    /**
     * Step-up: a fresh authentication by the session's own customer gives the session its level and
     * {@code auth_time}, so that the two always describe one authentication: a weaker step-up lowers
     * the level. The session id stays. Earlier refresh tokens stop working.
     */
    @Transactional
    public TokenResponse stepUp(UUID sessionId, SignIn signIn) {
        return opening.stepUp(sessionId, signIn);
    }

    /**
     * Refresh-token rotation, with reuse detection and DPoP binding; see {@link RefreshRotation}.
     *
     * @throws ApiException {@code refresh_token_invalid}, {@code refresh_token_reused},
     *                      {@code session_inactive}, {@code dpop_proof_invalid}, {@code dpop_key_mismatch}
     */
    public TokenResponse refresh(String tenantId, String refreshToken, @Nullable DPoPProof proof) {
        return rotation.rotate(tenantId, refreshToken, proof);
    }

    /**
     * Checks a DPoP proof presented at sign-in, without spending it; its key's thumbprint is what the
     * new session's tokens are bound to. Spend it with {@link #spendProof} once the assertion or
     * secret it comes with has been checked.
     *
     * @throws ApiException {@code dpop_proof_invalid}
     */
    public VerifiedProof checkProof(String tenantId, DPoPProof proof) {
        return dpop.check(tenantId, proof);
    }

    /**
     * Spends a checked proof, in the caller's transaction: a second use is a replay.
     *
     * @throws ApiException {@code dpop_proof_invalid}
     */
    @Transactional
    public void spendProof(String tenantId, VerifiedProof proof) {
        dpop.spend(tenantId, proof);
    }

    /** Signature, claims and session state of an access token, with the reason when it fails. */
    @Transactional(readOnly = true)
    public TokenCheck check(String tenantId, String accessToken) {
        return inspection.check(tenantId, accessToken);
    }

    /**
     * The caller of a customer endpoint, from its {@code Authorization} header: {@code Bearer <token>},
     * or {@code DPoP <token>} with a {@code DPoP} proof of the request (RFC 9449 §7). A DPoP-bound token
     * is only accepted with a proof by its key.
     *
     * @throws ApiException {@code token_missing}, {@code token_invalid}, {@code session_inactive},
     *                      {@code dpop_proof_invalid} or {@code dpop_key_mismatch}
     */
    @Transactional
    public AuthenticatedSession authenticate(String tenantId, @Nullable String authorization,
            @Nullable String dpopHeader, String method, String path) {
        return inspection.authenticate(tenantId, authorization, dpopHeader, method, path);
    }

    /** RFC 7662 introspection of an access or refresh token. */
    @Transactional(readOnly = true)
    public Map<String, Object> introspect(String tenantId, String token) {
        return inspection.introspect(tenantId, token);
    }

    /**
     * Step-up check (RFC 9470): the session must be at {@code acr} or above and, when {@code maxAge}
     * is given, have authenticated within it.
     *
     * @throws ApiException {@code step_up_required} naming what to ask for, or {@code acr_unknown}
     */
    public void requireAssurance(AuthenticatedSession caller, @Nullable String acr, @Nullable Duration maxAge) {
        assurance.require(caller, acr, maxAge);
    }

    /**
     * The tenant's rule for sensitive actions (revoking a device, adding one from a session); a session
     * approved on another device must step up first, whatever its level.
     *
     * @throws ApiException {@code step_up_required}
     */
    public void requireSensitiveActionAssurance(AuthenticatedSession caller) {
        assurance.requireForSensitiveAction(caller);
    }

    @Transactional(readOnly = true)
    public Optional<Session> find(String tenantId, UUID sessionId) {
        return repository.find(tenantId, sessionId);
    }

    @Transactional(readOnly = true)
    public List<Session> listActive(String tenantId, UUID customerId) {
        return repository.listActive(tenantId, customerId, clock.instant());
    }

    /** @return false when there is no such live session */
    @Transactional
    public boolean revoke(String tenantId, UUID sessionId, RevocationReason reason) {
        return revocation.revoke(tenantId, sessionId, reason);
    }

    /** Revokes every session of the customer that is not revoked yet; answers how many. */
    @Transactional
    public int revokeForCustomer(String tenantId, UUID customerId, RevocationReason reason) {
        return revocation.revokeForCustomer(tenantId, customerId, reason);
    }

    /** Revokes every session of the device that is not revoked yet; answers how many. */
    @Transactional
    public int revokeForDevice(String tenantId, UUID deviceId, RevocationReason reason) {
        return revocation.revokeForDevice(tenantId, deviceId, reason);
    }

    /**
     * Rotates the tenant's token signing key. The old key stays in the JWKS for the access-token
     * lifetime plus a minute, so tokens it signed keep verifying until they expire.
     */
    @Transactional
    public PublishedKey rotateSigningKey(String tenantId) {
        Duration grace = tenants.require(tenantId).sessions().accessTokenLifetime().plusMinutes(1);
        PublishedKey rotated = signingKeys.rotate(tenantId, KeyPurpose.TOKEN, grace);
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.SIGNING_KEY_ROTATED).reason(rotated.kid())
                .build());
        return rotated;
    }
}
