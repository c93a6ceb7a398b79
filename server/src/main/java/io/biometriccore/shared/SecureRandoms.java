package io.biometriccore.shared;

import java.security.SecureRandom;

/** One CSPRNG for the process; {@link SecureRandom} is thread-safe. */
public final class SecureRandoms {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureRandoms() {
    }

    public static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static String base64Url(int length) {
        return Base64Url.encode(bytes(length));
    }
}
