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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Reading tokens: checking an access token, authenticating a customer's call, RFC 7662 introspection. */
@Component
public class TokenInspection {

    private final SessionRepository repository;
    private final AccessTokens accessTokens;
    private final DPoPVerifier dpop;
    private final Clock clock;

    TokenInspection(SessionRepository repository, AccessTokens accessTokens, DPoPVerifier dpop, Clock clock) {
        this.repository = repository;
        this.accessTokens = accessTokens;
        this.dpop = dpop;
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
     * @throws ApiException {@code token_missing}, {@code token_invalid}, {@code session_inactive},
     *                      {@code dpop_proof_invalid} or {@code dpop_key_mismatch}
     */
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
        Session session = activeSession(tenantId, valid.claims().sessionId())
                .orElseThrow(() -> new ApiException(SessionProblem.SESSION_INACTIVE));
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

    private Optional<Session> activeSession(String tenantId, UUID sessionId) {
        return repository.find(tenantId, sessionId).filter(s -> s.activeAt(clock.instant()));
    }
}
