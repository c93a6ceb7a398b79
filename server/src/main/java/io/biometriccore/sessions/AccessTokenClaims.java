package io.biometriccore.sessions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The claims of a verified access token. {@code subject} is the user handle, base64url;
 * {@code confirmationJkt} is {@code cnf.jkt} of a DPoP-bound token.
 */
public record AccessTokenClaims(String issuer, String subject, String audience, Instant expiresAt,
        Instant issuedAt, String jwtId, UUID sessionId, Instant authTime, String acr, List<String> amr,
        @Nullable String confirmationJkt) {

    public AccessTokenClaims {
        amr = List.copyOf(amr);
    }
}
