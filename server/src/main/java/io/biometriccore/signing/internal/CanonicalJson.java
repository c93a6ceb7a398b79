package io.biometriccore.signing.internal;

import io.biometriccore.shared.Base64Url;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 8785 (JCS) bytes of a JSON value, through the JCS library: what a transaction's hash and an
 * evidence record's signature are over. Our documents hold strings, booleans and small integers only,
 * so no floating-point number is ever canonicalised.
 */
final class CanonicalJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** RFC 3339, UTC, milliseconds: how every time in a signed document is written. */
    private static final DateTimeFormatter RFC_3339_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private CanonicalJson() {
    }

    static byte[] bytes(Object value) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(value)).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException("Our own JSON could not be canonicalised", e);
        }
    }

    static JsonNode tree(byte[] canonical) {
        return JSON.readTree(new String(canonical, StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static String sha256Base64Url(byte[] bytes) {
        return Base64Url.encode(sha256(bytes));
    }

    static String time(Instant instant) {
        return RFC_3339_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
