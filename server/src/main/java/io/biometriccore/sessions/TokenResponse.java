package io.biometriccore.sessions;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/** Tokens for a session, in the shape of an OAuth 2.0 token response (RFC 6749 §5.1). */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("session_id") UUID sessionId,
        @JsonProperty("acr") String acr,
        @JsonProperty("amr") List<String> amr) {
}
