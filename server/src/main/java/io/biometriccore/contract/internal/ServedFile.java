package io.biometriccore.contract.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A file read once at start-up and served with a strong ETag of its SHA-256, revalidated on each use
 * ({@code no-cache}): Spring MVC answers a matching {@code If-None-Match} with 304 itself.
 */
record ServedFile(byte[] content, MediaType type, String etag) {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' "
            + "'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    ServedFile {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(etag, "etag");
    }

    static ServedFile of(byte[] content, MediaType type) {
        return new ServedFile(content, type, "\"" + sha256(content) + "\"");
    }

    static ServedFile of(Resource resource, MediaType type) {
        try (InputStream in = resource.getInputStream()) {
            return of(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /**
     * The file with its type, ETag and cache policy; {@code nosniff} so that a browser never runs it as
     * another type, and the docs page's Content-Security-Policy on every one of them.
     */
    ResponseEntity<byte[]> answer() {
        return ResponseEntity.ok().contentType(type).eTag(etag).cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .body(content);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
