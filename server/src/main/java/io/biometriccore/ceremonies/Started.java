package io.biometriccore.ceremonies;

import java.util.Objects;

/**
 * Options for the client, and the handle of the pending ceremony (for adapters that track it in a
 * session cookie; the client API finds it by the challenge instead).
 */
public record Started<O>(String handle, O options) {

    public Started {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(options, "options");
    }
}
