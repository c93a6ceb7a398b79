package io.biometriccore.shared;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Base64url without padding, as WebAuthn's JSON serialisation uses it. Bad input is a 400. */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * @param field the JSON member name, for the error detail
     * @throws ApiException {@code malformed_request} when the value is missing or not base64url
     */
    public static byte[] decode(@Nullable String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, field + " is missing");
        }
        try {
            return DECODER.decode(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, field + " is not base64url");
        }
    }
}
