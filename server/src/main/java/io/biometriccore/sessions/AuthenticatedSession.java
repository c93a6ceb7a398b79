package io.biometriccore.sessions;

import java.util.Objects;

/**
 * The caller of a customer endpoint: a valid access token of a session that is still active. A
 * controller method takes it as a parameter; the web layer resolves it from the bearer token.
 */
public record AuthenticatedSession(Session session, AccessTokenClaims claims) {

    public AuthenticatedSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(claims, "claims");
    }
}
