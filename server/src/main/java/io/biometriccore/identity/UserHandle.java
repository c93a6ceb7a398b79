package io.biometriccore.identity;

import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.SecureRandoms;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * WebAuthn {@code user.id} (§5.4.3). The spec caps it at 64 bytes and forbids personal data in it;
 * we generate 32 random bytes.
 */
public record UserHandle(byte[] value) {

    public static final int GENERATED_LENGTH = 32;

    public UserHandle {
        if (value == null || value.length == 0 || value.length > 64) {
            throw new IllegalArgumentException("userHandle must be 1 to 64 bytes");
        }
        value = value.clone();
    }

    public static UserHandle generate() {
        return new UserHandle(SecureRandoms.bytes(GENERATED_LENGTH));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public String base64Url() {
        return Base64Url.encode(value);
    }

    /** Constant-time, as the handle identifies an account. */
    public boolean matches(byte[] other) {
        return MessageDigest.isEqual(value, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserHandle other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "UserHandle[" + base64Url() + "]";
    }
}
