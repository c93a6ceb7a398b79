package io.biometriccore.ceremonies;

import java.util.UUID;

/** A successful authentication. {@code userHandle} and {@code credentialId} are base64url. */
public record AuthenticationResult(UUID customerId, String username, String userHandle, String credentialId,
        UUID deviceId, long signCount, AuthenticatorFlags flags) {
}
