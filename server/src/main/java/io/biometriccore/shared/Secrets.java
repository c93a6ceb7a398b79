package io.biometriccore.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * Bearer secrets (API keys, refresh tokens, enrollment grants, poll secrets): made from 256 random
 * bits, stored only as SHA-256, compared in constant time. A fast hash is right here: the secrets
 * carry 256 bits of entropy, so there is nothing for a slow hash to protect.
 */
public final class Secrets {

    private Secrets() {
    }

    /** A new secret: {@code prefix} then 43 base64url characters (256 bits). */
    public static String generate(String prefix) {
        return prefix + SecureRandoms.base64Url(32);
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Constant-time comparison of a presented secret with a stored hash. */
    public static boolean matches(byte @Nullable [] storedHash, @Nullable String presented) {
        return storedHash != null && presented != null && MessageDigest.isEqual(storedHash, sha256(presented));
    }
}
