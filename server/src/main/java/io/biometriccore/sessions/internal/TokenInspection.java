package io.biometriccore.sessions.internal;

import io.biometriccore.sessions.AccessTokenClaims;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.DPoPProof;
import io.biometriccore.sessions.Session;
import io.biometriccore.sessions.SessionProblem;
import io.biometriccore.sessions.TokenCheck;
import io.biometriccore.sessions.TokenRejection;
import io.biometriccore.sessions.internal.SessionRepository.RefreshStatus;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.BearerToken;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.Secrets;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.sessions.VerifiedProof;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Reading tokens: checking an access token, authenticating a customer's call, RFC 7662 introspection. */
@Component
public class TokenInspection {

    private final SessionRepository repository;
    private final AccessTokens accessTokens;
    private final DPoPVerifier dpop;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TokenInspection(SessionRepository repository, AccessTokens accessTokens, DPoPVerifier dpop,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.accessTokens = accessTokens;
        this.dpop = dpop;
        this.events = events;
        this.clock = clock;
    }

    public TokenCheck check(String tenantId, String accessToken) {
        TokenCheck check = accessTokens.verify(tenantId, accessToken);
        if (check instanceof TokenCheck.Valid valid && activeSession(tenantId, valid.claims().sessionId()).isEmpty()) {
            return new TokenCheck.Invalid(TokenRejection.SESSION_INACTIVE);
        }
        return check;
    }

    /**
     * A token that fails is audited as {@code access_token.rejected} (aggregated, docs/adr/0025), a
     * missing one is not: nothing was tried. A DPoP proof is spent only once the token has passed.
     *
     * @throws ApiException {@code token_missing}, {@code token_invalid}, {@code session_inactive},
     *                      {@code dpop_proof_invalid} or {@code dpop_key_mismatch}
     */
    public AuthenticatedSession authenticate(String tenantId, @Nullable String authorization,
            @Nullable String dpopHeader, String method, String path) {
        Optional<String> dpopToken = BearerToken.dpop(authorization);
        String accessToken = dpopToken.or(() -> BearerToken.of(authorization))
                .orElseThrow(() -> new ApiException(SessionProblem.TOKEN_MISSING, "An access token is required",
                        Map.of(), Map.of("WWW-Authenticate", "Bearer, DPoP algs=\"ES256 ES384 ES512 PS256 RS256\"")));
        VerifiedProof proof = null;
        if (dpopToken.isPresent()) {
            if (dpopHeader == null) {
                throw rejected(tenantId, SessionProblem.DPOP_PROOF_INVALID, null,
                        "The DPoP scheme needs a DPoP proof header");
            }
            proof = dpop.check(tenantId, new DPoPProof(dpopHeader, method, path, accessToken));
        }
        if (!(accessTokens.verify(tenantId, accessToken) instanceof TokenCheck.Valid valid)) {
            throw rejected(tenantId, SessionProblem.TOKEN_INVALID, null, null);
        }
        String bound = valid.claims().confirmationJkt();
        if (bound != null && (proof == null || !bound.equals(proof.jkt()))) {
            throw rejected(tenantId, SessionProblem.DPOP_KEY_MISMATCH, valid.claims().sessionId(), null);
        }
        Session session = activeSession(tenantId, valid.claims().sessionId()).orElseThrow(
                () -> rejected(tenantId, SessionProblem.SESSION_INACTIVE, valid.claims().sessionId(), null));
        if (proof != null) {
            dpop.spend(tenantId, proof);
        }
        RequestContext.actor(RequestContext.ActorType.CUSTOMER, session.customerId().toString());
        return new AuthenticatedSession(session, valid.claims());
    }

    /** Anything not valid now is {@code {"active": false}} and nothing more. */
    public Map<String, Object> introspect(String tenantId, String token) {
        if (token.startsWith(TokenIssuance.REFRESH_PREFIX)) {
            return refreshToken(tenantId, token);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
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

    private Map<String, Object> refreshToken(String tenantId, String token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        Optional<Session> session = repository.findRefreshToken(tenantId, Secrets.sha256(token))
                .filter(t -> t.status() == RefreshStatus.ACTIVE)
                .flatMap(t -> activeSession(tenantId, t.sessionId()));
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

    /** The session's customer, when the token named a session that exists. */
    private ApiException rejected(String tenantId, SessionProblem problem, @Nullable UUID sessionId,
            @Nullable String detail) {
        Optional<Session> session = sessionId == null ? Optional.empty() : repository.find(tenantId, sessionId);
        events.publishEvent(SecurityEvent.failure(tenantId, SecurityEventType.ACCESS_TOKEN_REJECTED, problem.code())
                .customer(session.map(Session::customerId).orElse(null)).build());
        return detail == null ? new ApiException(problem) : new ApiException(problem, detail);
    }

    private Optional<Session> activeSession(String tenantId, UUID sessionId) {
        return repository.find(tenantId, sessionId).filter(s -> s.activeAt(clock.instant()));
    }
}
