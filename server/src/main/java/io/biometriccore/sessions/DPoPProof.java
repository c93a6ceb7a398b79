package io.biometriccore.sessions;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A DPoP proof (RFC 9449) presented with a request, and what it must match.
 *
 * @param proof       the {@code DPoP} header: a JWT signed by the client's key
 * @param method      the request's HTTP method ({@code htm})
 * @param path        the request's path; with the server's public URL it is the {@code htu}
 * @param accessToken the access token it accompanies, for {@code ath}; null at the token endpoints
 */
public record DPoPProof(String proof, String method, String path, @Nullable String accessToken) {

    public DPoPProof {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }
}
