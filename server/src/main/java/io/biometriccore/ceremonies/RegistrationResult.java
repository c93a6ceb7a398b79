package io.biometriccore.ceremonies;

import io.biometriccore.credentials.AttestationTrust;
import java.util.UUID;

/** A completed registration. {@code credentialId} is base64url. */
public record RegistrationResult(UUID customerId, String username, String credentialId, UUID deviceId,
        String deviceName, String attestationFormat, AttestationTrust attestationTrust, AuthenticatorFlags flags) {
}
