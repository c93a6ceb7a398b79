package io.biometriccore.shared;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The token of an {@code Authorization: Bearer <token>} header (RFC 6750 §2.1), or of the
 * {@code DPoP} scheme (RFC 9449 §7.1) for sender-constrained access tokens.
 */
public final class BearerToken {

    private static final int MAX_LENGTH = 4096;

    private BearerToken() {
    }

    /** Empty when the header is missing, of another scheme, empty, or absurdly long. */
    public static Optional<String> of(@Nullable String authorization) {
        return ofScheme(authorization, "Bearer ");
    }

    /** The token of {@code Authorization: DPoP <token>}; empty otherwise. */
    public static Optional<String> dpop(@Nullable String authorization) {
        return ofScheme(authorization, "DPoP ");
    }

    private static Optional<String> ofScheme(@Nullable String authorization, String prefix) {
        if (authorization == null || authorization.length() > MAX_LENGTH
                || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(prefix.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
