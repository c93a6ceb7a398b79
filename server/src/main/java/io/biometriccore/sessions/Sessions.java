package io.biometriccore.sessions;

import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.keys.PublishedKey;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.sessions.internal.AccessTokens;
import io.biometriccore.sessions.internal.DPoPVerifier;
import io.biometriccore.sessions.internal.SessionRepository;
import io.biometriccore.sessions.internal.SessionRepository.RefreshStatus;
import io.biometriccore.sessions.internal.SessionRepository.RefreshToken;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.BearerToken;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.Secrets;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sessions module's facade: opens sessions on sign-in, raises them on step-up, rotates refresh
 * tokens, checks access tokens and ends sessions. Every operation is scoped by tenant.
 */
@Service
public class Sessions {

    private static final String REFRESH_PREFIX = "rt_";

    private final Tenants tenants;
    private final SessionRepository repository;
    private final AccessTokens accessTokens;
    private final SigningKeys signingKeys;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final DPoPVerifier dpop;
    private final Credentials credentials;
    private final Clock clock;

    Sessions(Tenants tenants, SessionRepository repository, AccessTokens accessTokens, SigningKeys signingKeys,
            TransactionTemplate transaction, ApplicationEventPublisher events, DPoPVerifier dpop,
            Credentials credentials, Clock clock) {
        this.tenants = tenants;
        this.repository = repository;
        this.accessTokens = accessTokens;
        this.signingKeys = signingKeys;
        this.transaction = transaction;
        this.events = events;
        this.dpop = dpop;
        this.credentials = credentials;
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
        requireDeviceActive(signIn);
        SessionPolicy policy = tenants.require(signIn.tenantId()).sessions();
        String acr = levelReached(policy, signIn);
        Instant now = clock.instant();
        Instant absolute = now.plus(policy.sessionAbsoluteLifetime());
        Session session = new Session(UUID.randomUUID(), signIn.tenantId(), signIn.customerId(), signIn.userHandle(),
                signIn.deviceId(), signIn.channel(), acr, amr(signIn), now, now, now,
                earliest(now.plus(policy.sessionIdleTimeout()), absolute), absolute, signIn.userAgent(), null, null,
                signIn.dpopJkt());
        repository.insert(session);
        events.publishEvent(tokenEvent(session, "token.issued").reason(acr).build());
        return tokens(session, policy, now);
    }

    /**
     * Step-up: a fresh authentication by the session's own customer raises the session's level and
     * {@code auth_time}; the session id stays. Earlier refresh tokens stop working.
     */
    @Transactional
    public TokenResponse stepUp(UUID sessionId, SignIn signIn) {
        requireDeviceActive(signIn);
        SessionPolicy policy = tenants.require(signIn.tenantId()).sessions();
        Instant now = clock.instant();
        Session session = repository.find(signIn.tenantId(), sessionId).filter(s -> s.activeAt(now))
                .orElseThrow(() -> new ApiException(SessionProblem.SESSION_INACTIVE));
        if (!session.customerId().equals(signIn.customerId())) {
            throw new ApiException(SessionProblem.STEP_UP_USER_MISMATCH);
        }
        String reached = levelReached(policy, signIn);
        String acr = policy.atLeast(session.acr(), reached) ? session.acr() : reached;
        Instant idle = earliest(now.plus(policy.sessionIdleTimeout()), session.absoluteExpiresAt());
        repository.raise(signIn.tenantId(), sessionId, acr, amr(signIn), now, idle);
        repository.revokeRefreshTokens(signIn.tenantId(), sessionId);
        Session raised = repository.find(signIn.tenantId(), sessionId).orElseThrow();
        events.publishEvent(tokenEvent(raised, "token.issued").reason("step_up:" + acr).build());
        return tokens(raised, policy, now);
    }

    /**
     * Refresh-token rotation. A token that was already rotated is a reuse: the whole family (the
     * session) is revoked, and that revocation commits even though the call fails. The refresh token
     * of a DPoP-bound session needs a proof by the session's key (RFC 9449 §5).
     *
     * @throws ApiException {@code refresh_token_invalid}, {@code refresh_token_reused},
     *                      {@code session_inactive}, {@code dpop_proof_invalid}, {@code dpop_key_mismatch}
     */
    public TokenResponse refresh(String tenantId, String refreshToken, @Nullable DPoPProof proof) {
        Tenant tenant = tenants.require(tenantId);
        String proofJkt = proof == null ? null : dpop.verify(proof);
        byte[] hash = Secrets.sha256(refreshToken);
        Object outcome = transaction.execute(status -> {
            Instant now = clock.instant();
            RefreshToken stored = repository.findRefreshToken(tenantId, hash).orElse(null);
            if (stored == null || stored.status() == RefreshStatus.REVOKED) {
                return SessionProblem.REFRESH_TOKEN_INVALID;
            }
            if (stored.status() == RefreshStatus.ROTATED || !repository.rotate(tenantId, hash, now)) {
                repository.revoke(tenantId, stored.sessionId(), "refresh_token_reuse", now);
                Session family = repository.find(tenantId, stored.sessionId()).orElseThrow();
                events.publishEvent(tokenEvent(family, "token.reuse_detected").reason("family_revoked").build());
                return SessionProblem.REFRESH_TOKEN_REUSED;
            }
            Session session = repository.find(tenantId, stored.sessionId()).orElseThrow();
            if (!session.activeAt(now)) {
                status.setRollbackOnly();
                return SessionProblem.SESSION_INACTIVE;
            }
            if (session.dpopJkt() != null && !session.dpopJkt().equals(proofJkt)) {
                status.setRollbackOnly();
                return SessionProblem.DPOP_KEY_MISMATCH;
            }
            SessionPolicy policy = tenant.sessions();
            repository.touch(tenantId, session.id(), now,
                    earliest(now.plus(policy.sessionIdleTimeout()), session.absoluteExpiresAt()));
            events.publishEvent(tokenEvent(session, "token.refreshed").build());
            return tokens(session, policy, now);
        });
        if (outcome instanceof SessionProblem problem) {
            throw new ApiException(problem);
        }
        return (TokenResponse) outcome;
    }

    /**
     * Verifies a DPoP proof presented at sign-in; answers its key's thumbprint, to bind the new
     * session's tokens to.
     *
     * @throws ApiException {@code dpop_proof_invalid}
     */
    @Transactional
    public String proofKey(DPoPProof proof) {
        return dpop.verify(proof);
    }

    /** Signature, claims and session state of an access token, with the reason when it fails. */
    @Transactional(readOnly = true)
    public TokenCheck check(String tenantId, String accessToken) {
        TokenCheck check = accessTokens.verify(tenantId, accessToken);
        if (check instanceof TokenCheck.Valid valid && !sessionActive(tenantId, valid.claims().sessionId())) {
            return new TokenCheck.Invalid(TokenRejection.SESSION_INACTIVE);
        }
        return check;
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
        Optional<String> dpopToken = BearerToken.dpop(authorization);
        String accessToken = dpopToken.or(() -> BearerToken.of(authorization))
                .orElseThrow(() -> new ApiException(SessionProblem.TOKEN_MISSING, "An access token is required",
                        Map.of(), Map.of("WWW-Authenticate", "Bearer, DPoP algs=\"ES256 ES384 ES512 PS256 RS256\"")));
        String proofJkt = null;
        if (dpopToken.isPresent()) {
            if (dpopHeader == null) {
                throw new ApiException(SessionProblem.DPOP_PROOF_INVALID, "The DPoP scheme needs a DPoP proof header");
            }
            proofJkt = dpop.verify(new DPoPProof(dpopHeader, method, path, accessToken));
        }
        if (!(accessTokens.verify(tenantId, accessToken) instanceof TokenCheck.Valid valid)) {
            throw new ApiException(SessionProblem.TOKEN_INVALID);
        }
        String bound = valid.claims().confirmationJkt();
        if (bound != null && !bound.equals(proofJkt)) {
            throw new ApiException(SessionProblem.DPOP_KEY_MISMATCH);
        }
        Session session = repository.find(tenantId, valid.claims().sessionId())
                .filter(s -> s.activeAt(clock.instant()))
                .orElseThrow(() -> new ApiException(SessionProblem.SESSION_INACTIVE));
        RequestContext.actor(RequestContext.ActorType.CUSTOMER, session.customerId().toString());
        return new AuthenticatedSession(session, valid.claims());
    }

    /**
     * RFC 7662 introspection of an access or refresh token. Anything not valid now is
     * {@code {"active": false}} and nothing more.
     */
    @Transactional(readOnly = true)
    public Map<String, Object> introspect(String tenantId, String token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (token.startsWith(REFRESH_PREFIX)) {
            Optional<Session> session = repository.findRefreshToken(tenantId, Secrets.sha256(token))
                    .filter(t -> t.status() == RefreshStatus.ACTIVE)
                    .flatMap(t -> repository.find(tenantId, t.sessionId()))
                    .filter(s -> s.activeAt(clock.instant()));
            answer.put("active", session.isPresent());
            session.ifPresent(s -> {
                answer.put("token_type", "refresh_token");
                if (s.dpopJkt() != null) {
                    answer.put("cnf", Map.of("jkt", s.dpopJkt()));
                }
                answer.put("sub", s.userHandle());
                answer.put("aud", tenantId);
                answer.put("exp", s.idleExpiresAt().getEpochSecond());
                answer.put("sid", s.id().toString());
            });
            return answer;
        }
        TokenCheck check = check(tenantId, token);
        answer.put("active", check instanceof TokenCheck.Valid);
        if (check instanceof TokenCheck.Valid valid) {
            AccessTokenClaims c = valid.claims();
            answer.put("token_type", c.confirmationJkt() == null ? "Bearer" : "DPoP");
            answer.put("iss", c.issuer());
            answer.put("sub", c.subject());
            answer.put("aud", c.audience());
            answer.put("exp", c.expiresAt().getEpochSecond());
            answer.put("iat", c.issuedAt().getEpochSecond());
            answer.put("jti", c.jwtId());
            answer.put("sid", c.sessionId().toString());
            answer.put("auth_time", c.authTime().getEpochSecond());
            answer.put("acr", c.acr());
            answer.put("amr", c.amr());
            if (c.confirmationJkt() != null) {
                answer.put("cnf", Map.of("jkt", c.confirmationJkt()));
            }
        }
        return answer;
    }

    /**
     * Step-up check (RFC 9470): the session must be at {@code acr} or above and, when {@code maxAge}
     * is given, have authenticated within it.
     *
     * @throws ApiException {@code step_up_required} naming what to ask for, or {@code acr_unknown}
     */
    public void requireAssurance(AuthenticatedSession caller, @Nullable String acr, @Nullable Duration maxAge) {
        Session session = caller.session();
        SessionPolicy policy = tenants.require(session.tenantId()).sessions();
        if (acr != null && !policy.defines(acr)) {
            throw new ApiException(SessionProblem.ACR_UNKNOWN);
        }
        boolean levelOk = acr == null || policy.atLeast(session.acr(), acr);
        boolean fresh = maxAge == null || session.authenticatedWithin(maxAge, clock.instant());
        if (levelOk && fresh) {
            return;
        }
        String wanted = acr == null || policy.atLeast(session.acr(), acr) ? session.acr() : acr;
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("acr_values", wanted);
        StringBuilder challenge = new StringBuilder("Bearer error=\"insufficient_user_authentication\", acr_values=\"")
                .append(wanted).append('"');
        if (maxAge != null) {
            members.put("max_age", maxAge.toSeconds());
            challenge.append(", max_age=").append(maxAge.toSeconds());
        }
        throw new ApiException(SessionProblem.STEP_UP_REQUIRED, levelOk
                ? "The last authentication is too old for this action" : "This action needs a stronger authentication",
                members, Map.of("WWW-Authenticate", challenge.toString()));
    }

    /** The tenant's rule for sensitive actions (revoking a device, adding one from a session). */
    public void requireSensitiveActionAssurance(AuthenticatedSession caller) {
        SessionPolicy policy = tenants.require(caller.session().tenantId()).sessions();
        requireAssurance(caller, policy.sensitiveActionAcr(), policy.sensitiveActionMaxAge());
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
    public boolean revoke(String tenantId, UUID sessionId, String reason) {
        Optional<Session> session = repository.find(tenantId, sessionId);
        return session.isPresent() && revoke(session.get(), reason);
    }

    /** Revokes every session of the customer that is not revoked yet; answers how many. */
    @Transactional
    public int revokeForCustomer(String tenantId, UUID customerId, String reason) {
        return (int) repository.unrevokedOfCustomer(tenantId, customerId).stream().filter(s -> revoke(s, reason)).count();
    }

    /** Revokes every session of the device that is not revoked yet; answers how many. */
    @Transactional
    public int revokeForDevice(String tenantId, UUID deviceId, String reason) {
        return (int) repository.unrevokedOfDevice(tenantId, deviceId).stream().filter(s -> revoke(s, reason)).count();
    }

    private boolean revoke(Session session, String reason) {
        boolean revoked = repository.revoke(session.tenantId(), session.id(), reason, clock.instant());
        if (revoked) {
            events.publishEvent(tokenEvent(session, "token.revoked").reason(reason).build());
        }
        return revoked;
    }

    /**
     * Rotates the tenant's token signing key. The old key stays in the JWKS for the access-token
     * lifetime plus a minute, so tokens it signed keep verifying until they expire.
     */
    @Transactional
    public PublishedKey rotateSigningKey(String tenantId) {
        Duration grace = tenants.require(tenantId).sessions().accessTokenLifetime().plusMinutes(1);
        PublishedKey rotated = signingKeys.rotate(tenantId, KeyPurpose.TOKEN, grace);
        events.publishEvent(SecurityEvent.success(tenantId, "signing_key.rotated").reason(rotated.kid()).build());
        return rotated;
    }

    private boolean sessionActive(String tenantId, UUID sessionId) {
        return repository.find(tenantId, sessionId).filter(s -> s.activeAt(clock.instant())).isPresent();
    }

    private TokenResponse tokens(Session session, SessionPolicy policy, Instant now) {
        String refresh = Secrets.generate(REFRESH_PREFIX);
        repository.insertRefreshToken(session.tenantId(), session.id(), Secrets.sha256(refresh), now);
        Duration lifetime = policy.accessTokenLifetime();
        String type = session.dpopJkt() == null ? "Bearer" : "DPoP";
        return new TokenResponse(accessTokens.issue(session, lifetime), type, lifetime.toSeconds(), refresh,
                session.id(), session.acr(), session.amr());
    }

    private String levelReached(SessionPolicy policy, SignIn signIn) {
        Optional<String> reached = policy.levelReached(signIn.userVerified(), signIn.backupEligible(),
                signIn.trustedAttestation());
        String required = signIn.requiredAcr();
        if (required != null && !policy.defines(required)) {
            throw new ApiException(SessionProblem.ACR_UNKNOWN);
        }
        if (reached.isEmpty() || (required != null && !policy.atLeast(reached.get(), required))) {
            events.publishEvent(SecurityEvent.failure(signIn.tenantId(), "authentication.failed",
                    SessionProblem.ACR_NOT_MET.code()).customer(signIn.customerId()).device(signIn.deviceId())
                    .channel(signIn.channel().wireName()).build());
            throw reached.map(r -> new ApiException(SessionProblem.ACR_NOT_MET,
                    "The authentication did not reach the requested level",
                    Map.<String, Object>of("acr", r, "acr_values", Objects.requireNonNull(required)), Map.of()))
                    .orElseGet(() -> new ApiException(SessionProblem.ACR_NOT_MET,
                            "The authentication reached none of the tenant's assurance levels"));
        }
        return reached.get();
    }

    /**
     * The device may have been suspended, revoked or deleted since its assertion verified. Its row is
     * locked until this transaction ends, so a concurrent change either shows here or waits for the
     * new session and then ends it.
     */
    private void requireDeviceActive(SignIn signIn) {
        CredentialStatus status = credentials.lockStatus(signIn.tenantId(), signIn.deviceId())
                .orElse(CredentialStatus.REVOKED);
        switch (status) {
            case ACTIVE -> { }
            case SUSPENDED -> throw new ApiException(RiskProblem.CREDENTIAL_SUSPENDED);
            case SUSPECTED_CLONE -> throw new ApiException(RiskProblem.CREDENTIAL_SUSPECTED_CLONE);
            case REVOKED -> throw new ApiException(RiskProblem.CREDENTIAL_REVOKED);
        }
    }

    private static SecurityEvent.Builder tokenEvent(Session session, String type) {
        return SecurityEvent.success(session.tenantId(), type).customer(session.customerId())
                .device(session.deviceId()).session(session.id()).channel(session.channel().wireName());
    }

    /**
     * RFC 8176: {@code hwk} for a device-bound key with trusted hardware attestation, else {@code swk};
     * {@code user} and {@code mfa} when the authenticator verified the user (WebAuthn does not say
     * whether by biometric or PIN, so neither {@code fpt} nor {@code pin} is claimed).
     */
    private static List<String> amr(SignIn signIn) {
        List<String> amr = new ArrayList<>();
        amr.add(!signIn.backupEligible() && signIn.trustedAttestation() ? "hwk" : "swk");
        if (signIn.userVerified()) {
            amr.add("user");
            amr.add("mfa");
        }
        return amr;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
