package io.biometriccore.ceremonies;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.biometriccore.credentials.AttestationTrust;
import java.util.UUID;

/**
 * A successful authentication. {@code userHandle} and {@code credentialId} are base64url.
 *
 * @param attestationTrust how the credential's attestation was judged at registration
 * @param origin           the verified origin of the assertion
 * @param context          what the ceremony was started for; not part of the JSON answer
 */
public record AuthenticationResult(UUID customerId, String username, String userHandle, String credentialId,
        UUID deviceId, long signCount, AuthenticatorFlags flags, AttestationTrust attestationTrust,
        @JsonIgnore String origin, @JsonIgnore CeremonyContext context) {
}
