package io.biometriccore.admin.internal;

import io.biometriccore.shared.Secrets;
import io.biometriccore.shared.SecureRandoms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The admin API key: from {@code biometric.admin.api-key} (e.g. the environment variable
 * {@code BIOMETRIC_ADMIN_API_KEY}) or from the file named by {@code biometric.admin.api-key-file}.
 * There is no built-in default. Only in quick-start mode ({@code biometric.admin.generate-if-missing})
 * is a random key generated, and printed once to the console, never to the log. Only a SHA-256 digest
 * is kept in memory, and keys are compared in constant time.
 */
@Component
class AdminKey {

    private static final Logger log = LoggerFactory.getLogger(AdminKey.class);
    private static final int MIN_LENGTH = 32;

    private final byte @Nullable [] digest;

    AdminKey(@Value("${biometric.admin.api-key:#{null}}") @Nullable String key,
            @Value("${biometric.admin.api-key-file:#{null}}") @Nullable Path keyFile,
            @Value("${biometric.admin.generate-if-missing:false}") boolean generateIfMissing) {
        String configured = Optional.ofNullable(key).filter(k -> !k.isBlank()).orElseGet(() -> read(keyFile));
        if (configured == null && generateIfMissing) {
            configured = SecureRandoms.base64Url(32);
            System.out.println("\n=== Biometric Core quick start: admin API key (shown once) ===\n"
                    + configured + "\n=== Use it as: Authorization: Bearer <key> on /v1/admin/... ===\n");
        }
        if (configured == null) {
            log.warn("No admin API key is configured: the admin API refuses every request");
        } else if (configured.length() < MIN_LENGTH) {
            throw new IllegalStateException("The admin API key must be at least " + MIN_LENGTH + " characters");
        }
        this.digest = configured == null ? null : Secrets.sha256(configured);
    }

    boolean matches(@Nullable String presented) {
        return Secrets.matches(digest, presented);
    }

    private static @Nullable String read(@Nullable Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read biometric.admin.api-key-file " + file, e);
        }
    }
}
