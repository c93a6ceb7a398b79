package io.biometriccore.ceremonies;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * WebAuthn L3 §5.1.1.1 {@code PublicKeyCredentialCreationOptionsJSON}: what
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON()} takes. Binary members are base64url.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicKeyCredentialCreationOptionsJSON(
        PublicKeyCredentialRpEntity rp,
        PublicKeyCredentialUserEntityJSON user,
        String challenge,
        List<PublicKeyCredentialParameters> pubKeyCredParams,
        long timeout,
        List<PublicKeyCredentialDescriptorJSON> excludeCredentials,
        AuthenticatorSelectionCriteria authenticatorSelection,
        List<String> hints,
        String attestation,
        Map<String, Object> extensions) {

    /** §5.4.2 */
    public record PublicKeyCredentialRpEntity(String id, String name) {
    }

    /** §5.4.3, with {@code id} as base64url */
    public record PublicKeyCredentialUserEntityJSON(String id, String name, String displayName) {
    }

    /** §5.3; {@code alg} is a COSE algorithm identifier */
    public record PublicKeyCredentialParameters(String type, long alg) {
        public static PublicKeyCredentialParameters publicKey(long alg) {
            return new PublicKeyCredentialParameters("public-key", alg);
        }
    }

    /** §5.4.4 */
    public record AuthenticatorSelectionCriteria(String residentKey, boolean requireResidentKey,
            String userVerification) {
    }
}
