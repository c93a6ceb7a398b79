package io.biometriccore.sessions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The claims of a verified access token. {@code subject} is the user handle, base64url. */
public record AccessTokenClaims(String issuer, String subject, String audience, Instant expiresAt,
        Instant issuedAt, String jwtId, UUID sessionId, Instant authTime, String acr, List<String> amr) {

    public AccessTokenClaims {
        amr = List.copyOf(amr);
    }
}
