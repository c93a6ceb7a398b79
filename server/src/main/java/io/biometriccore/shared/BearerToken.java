package io.biometriccore.shared;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The token of an {@code Authorization: Bearer <token>} header (RFC 6750 §2.1). */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";
    private static final int MAX_LENGTH = 4096;

    private BearerToken() {
    }

    /** Empty when the header is missing, of another scheme, empty, or absurdly long. */
    public static Optional<String> of(@Nullable String authorization) {
        if (authorization == null || authorization.length() > MAX_LENGTH
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(PREFIX.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
