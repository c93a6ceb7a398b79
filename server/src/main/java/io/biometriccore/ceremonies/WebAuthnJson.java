package io.biometriccore.ceremonies;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.CommonProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebAuthn L3 JSON serialisation of credentials (§5.1 {@code RegistrationResponseJSON} and
 * {@code AuthenticationResponseJSON}), as {@code PublicKeyCredential.toJSON()} produces it. The FIDO
 * conformance tools send the same shape with {@code getClientExtensionResults}, accepted as an alias.
 */
public final class WebAuthnJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebAuthnJson() {
    }

    /**
     * {@code transports} is read as it comes, so that a member that is not a string is refused as
     * {@code invalid_request} rather than coerced; see {@link Transports}.
     */
    public record AuthenticatorAttestationResponseJSON(@Nullable String clientDataJSON,
            @Nullable String attestationObject,
            @JsonSetter(contentNulls = Nulls.SET) @Nullable List<@Nullable Object> transports) {
    }

    public record RegistrationResponseJSON(@Nullable String id, @Nullable String rawId, @Nullable String type,
            @Nullable AuthenticatorAttestationResponseJSON response,
            @JsonAlias("getClientExtensionResults") @Nullable Map<String, Object> clientExtensionResults) {

        public RegistrationResponse decode() {
            requirePublicKey(type);
            if (response == null) {
                throw new ApiException(CommonProblem.MALFORMED_REQUEST, "response is missing");
            }
            return new RegistrationResponse(decodeRawId(id, rawId),
                    Base64Url.decode(response.clientDataJSON(), "response.clientDataJSON"),
                    Base64Url.decode(response.attestationObject(), "response.attestationObject"),
                    Transports.known(response.transports()),
                    extensions(clientExtensionResults));
        }
    }

    public record AuthenticatorAssertionResponseJSON(@Nullable String clientDataJSON,
            @Nullable String authenticatorData, @Nullable String signature, @Nullable String userHandle) {
    }

    public record AuthenticationResponseJSON(@Nullable String id, @Nullable String rawId, @Nullable String type,
            @Nullable AuthenticatorAssertionResponseJSON response,
            @JsonAlias("getClientExtensionResults") @Nullable Map<String, Object> clientExtensionResults) {

        public AuthenticationResponse decode() {
            requirePublicKey(type);
            if (response == null) {
                throw new ApiException(CommonProblem.MALFORMED_REQUEST, "response is missing");
            }
            String handle = response.userHandle();
            return new AuthenticationResponse(decodeRawId(id, rawId),
                    Base64Url.decode(response.clientDataJSON(), "response.clientDataJSON"),
                    Base64Url.decode(response.authenticatorData(), "response.authenticatorData"),
                    Base64Url.decode(response.signature(), "response.signature"),
                    handle == null || handle.isEmpty() ? null : Base64Url.decode(handle, "response.userHandle"),
                    extensions(clientExtensionResults));
        }
    }

    /** §5.1: {@code type} is always "public-key". */
    private static void requirePublicKey(@Nullable String type) {
        if (!"public-key".equals(type)) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, "type must be \"public-key\"");
        }
    }

    /** {@code id} is the base64url of {@code rawId}; both must be there and agree. */
    private static byte[] decodeRawId(@Nullable String id, @Nullable String rawId) {
        byte[] raw = Base64Url.decode(rawId, "rawId");
        if (!Arrays.equals(raw, Base64Url.decode(id, "id"))) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, "id and rawId differ");
        }
        return raw;
    }

    private static @Nullable String extensions(@Nullable Map<String, Object> results) {
        return results == null ? null : JSON.writeValueAsString(results);
    }
}
