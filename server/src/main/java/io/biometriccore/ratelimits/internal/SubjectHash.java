package io.biometriccore.ratelimits.internal;

import io.biometriccore.shared.Base64Url;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** What a store names a subject by (a username, a customer, an address): its SHA-256, so that no store holds it. */
public final class SubjectHash {

    private SubjectHash() {
    }

    public static String of(String subject) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256")
                    .digest(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
