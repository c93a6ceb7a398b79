package io.biometriccore.identity;

import java.text.Normalizer;

/** Rules for {@code user.name} and {@code user.displayName}: trimmed, NFC, 1–64 characters, no controls. */
public final class CustomerNames {

    private static final int MAX_LENGTH = 64;

    private CustomerNames() {
    }

    public static String requireValid(String value, String member) {
        if (value == null) {
            throw new IllegalArgumentException(member + " is required");
        }
        String normalized = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        if (normalized.isEmpty() || normalized.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(member + " must be 1 to " + MAX_LENGTH + " characters");
        }
        if (normalized.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(member + " must not contain control characters");
        }
        return normalized;
    }
}
