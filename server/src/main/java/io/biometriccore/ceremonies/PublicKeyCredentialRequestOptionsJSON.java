package io.biometriccore.ceremonies;

import java.util.List;
import java.util.Map;

/**
 * WebAuthn L3 §5.1.4.1 {@code PublicKeyCredentialRequestOptionsJSON}: what
 * {@code PublicKeyCredential.parseRequestOptionsFromJSON()} takes. An empty {@code allowCredentials}
 * asks for a discoverable credential (usernameless sign-in).
 */
public record PublicKeyCredentialRequestOptionsJSON(
        String challenge,
        long timeout,
        String rpId,
        List<PublicKeyCredentialDescriptorJSON> allowCredentials,
        String userVerification,
        List<String> hints,
        Map<String, Object> extensions) {
}
