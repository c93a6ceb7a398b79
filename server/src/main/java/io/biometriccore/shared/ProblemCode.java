package io.biometriccore.shared;

/**
 * A stable reason code with its HTTP status and a short human title. Each module declares its own
 * codes as an enum implementing this interface.
 */
public interface ProblemCode {

    /** The machine-readable code, e.g. {@code challenge_mismatch}. Never changes once published. */
    String code();

    int status();

    String title();
}
