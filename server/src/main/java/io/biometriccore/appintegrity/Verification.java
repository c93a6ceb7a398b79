package io.biometriccore.appintegrity;

import java.util.Objects;

/**
 * The typed outcome of a verification: what was verified, or why it was refused. The {@code detail} of
 * a refusal is for the audit log, never for the caller.
 *
 * @param <T> what a success carries
 */
public sealed interface Verification<T> {

    record Verified<T>(T value) implements Verification<T> {
        public Verified {
            Objects.requireNonNull(value, "value");
        }
    }

    record Rejected<T>(AttestationRejection reason, String detail) implements Verification<T> {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static <T> Verification<T> verified(T value) {
        return new Verified<>(value);
    }

    static <T> Verification<T> rejected(AttestationRejection reason, String detail) {
        return new Rejected<>(reason, detail);
    }
}
