package io.biometriccore.sessions.internal;

import io.biometriccore.sessions.Session;
import io.biometriccore.sessions.TokenResponse;
import io.biometriccore.shared.Secrets;
import io.biometriccore.tenancy.SessionPolicy;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** A session's next pair of tokens: an access token and a new refresh token of its family. */
@Component
class TokenIssuance {

    /** Refresh tokens start with it, so that introspection tells them from access tokens. */
    static final String REFRESH_PREFIX = "rt_";

    private final SessionRepository repository;
    private final AccessTokens accessTokens;

    TokenIssuance(SessionRepository repository, AccessTokens accessTokens) {
        this.repository = repository;
        this.accessTokens = accessTokens;
    }

    TokenResponse issue(Session session, SessionPolicy policy, Instant now) {
        String refresh = Secrets.generate(REFRESH_PREFIX);
        repository.insertRefreshToken(session.tenantId(), session.id(), Secrets.sha256(refresh), now);
        Duration lifetime = policy.accessTokenLifetime();
        String type = session.dpopJkt() == null ? "Bearer" : "DPoP";
        return new TokenResponse(accessTokens.issue(session, lifetime), type, lifetime.toSeconds(), refresh,
                session.id(), session.acr(), session.amr());
    }

    static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
