package io.biometriccore.ceremonies;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A decoded {@code AuthenticatorAttestationResponse} (§5.2.1), independent of the JSON shape it came in.
 *
 * @param rawId the credential id the client reported; must equal the one in the authenticator data
 */
public record RegistrationResponse(byte[] rawId, byte[] clientDataJSON, byte[] attestationObject,
        Set<String> transports, @Nullable String clientExtensionsJSON) {

    public RegistrationResponse {
        Objects.requireNonNull(rawId, "rawId");
        Objects.requireNonNull(clientDataJSON, "clientDataJSON");
        Objects.requireNonNull(attestationObject, "attestationObject");
        transports = Set.copyOf(transports);
    }
}
