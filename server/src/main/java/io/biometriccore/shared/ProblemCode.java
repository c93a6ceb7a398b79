package io.biometriccore.shared;

/**
 * A stable reason code with its HTTP status and a short human title. Each module declares its own
 * codes as an enum implementing this interface; a constant's {@link Definition} holds the three.
 */
public interface ProblemCode {

    /** What an enum constant declares about its problem. */
    record Definition(String code, int status, String title) {
    }

    Definition definition();

    /** The machine-readable code, e.g. {@code challenge_mismatch}. Never changes once published. */
    default String code() {
        return definition().code();
    }

    default int status() {
        return definition().status();
    }

    default String title() {
        return definition().title();
    }
}
