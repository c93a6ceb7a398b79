package io.biometriccore.ceremonies;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A decoded {@code AuthenticatorAssertionResponse} (§5.2.2), independent of the JSON shape it came in. */
public record AuthenticationResponse(byte[] rawId, byte[] clientDataJSON, byte[] authenticatorData,
        byte[] signature, byte @Nullable [] userHandle, @Nullable String clientExtensionsJSON) {

    public AuthenticationResponse {
        Objects.requireNonNull(rawId, "rawId");
        Objects.requireNonNull(clientDataJSON, "clientDataJSON");
        Objects.requireNonNull(authenticatorData, "authenticatorData");
        Objects.requireNonNull(signature, "signature");
    }
}
