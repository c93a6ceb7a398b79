package io.biometriccore.evidencetools;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one check: {@code ok} with what was established, {@code failed} with its
 * {@link Reason} and why, or {@code not checked} (an inclusion proof the bundle does not have yet).
 *
 * @param check  the check's stable name, e.g. {@code webauthn_signature}
 * @param reason set exactly when the status is {@link Status#FAILED}
 * @param detail plain language: what was verified, or what is wrong
 */
public record CheckResult(String check, Status status, @Nullable Reason reason, String detail) {

    /** Whether a check passed, failed, or could not be made with what the bundle holds. */
    public enum Status {
        OK, FAILED, NOT_CHECKED
    }

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if ((status == Status.FAILED) != (reason != null)) {
            throw new IllegalArgumentException("reason is set exactly when the check failed");
        }
    }

    static CheckResult ok(String check, String detail) {
        return new CheckResult(check, Status.OK, null, detail);
    }

    static CheckResult failed(String check, Reason reason, String detail) {
        return new CheckResult(check, Status.FAILED, reason, detail);
    }

    static CheckResult notChecked(String check, String detail) {
        return new CheckResult(check, Status.NOT_CHECKED, null, detail);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
