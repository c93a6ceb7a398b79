package io.biometriccore.ceremonies;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** WebAuthn L3 §5.8.3 {@code PublicKeyCredentialDescriptorJSON}; {@code id} is base64url. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PublicKeyCredentialDescriptorJSON(String type, String id, List<String> transports) {

    public static PublicKeyCredentialDescriptorJSON publicKey(String id, List<String> transports) {
        return new PublicKeyCredentialDescriptorJSON("public-key", id, List.copyOf(transports));
    }
}
