package io.biometriccore.ceremonies.internal;

import com.webauthn4j.converter.exception.DataConversionException;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.shared.ApiException;
import java.nio.BufferUnderflowException;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;

/**
 * Strict parsing of what the client sent: truncated CBOR, leftover bytes after authenticator data,
 * unknown structures and bad encodings are all {@code malformed_response}, never a 5xx.
 */
final class ResponseParsing {

    private ResponseParsing() {
    }

    static <T> T parsing(String what, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (DataConversionException | JacksonException | IllegalArgumentException | BufferUnderflowException
                 | IndexOutOfBoundsException | NullPointerException e) {
            throw new ApiException(CeremonyProblem.MALFORMED_RESPONSE, what + " could not be decoded");
        }
    }
}
