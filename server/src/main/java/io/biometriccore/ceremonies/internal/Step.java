package io.biometriccore.ceremonies.internal;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One step of a ceremony. A step of the spec is named by its number in WebAuthn Level 3 and the
 * opening words of its sentence, so that a ceremony's list reads like the spec; a step of ours
 * (tenant, policy, risk) is named by what it decides. A step returns the ceremony as it leaves it
 * (most return it unchanged) or throws an {@link io.biometriccore.shared.ApiException} with its reason.
 *
 * @param id      {@code "15"} for spec step 15, or {@code "ours:risk"}
 * @param opening the opening words of the step's sentence in the spec, or what our step checks
 */
record Step<C>(String id, String opening, Check<C> check) {

    /** The check of one step. */
    @FunctionalInterface
    public interface Check<C> {
        C verify(C ceremony);
    }

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(opening, "opening");
        Objects.requireNonNull(check, "check");
    }

    /** A numbered step of the spec whose check has nothing to add to the ceremony. */
    static <C> Step<C> spec(String number, String opening, Consumer<C> check) {
        return new Step<>(number, opening, ceremony -> {
            check.accept(ceremony);
            return ceremony;
        });
    }

    /** A step of ours whose check has nothing to add to the ceremony. */
    static <C> Step<C> ours(String name, String opening, Consumer<C> check) {
        return spec("ours:" + name, opening, check);
    }

    C verify(C ceremony) {
        return check.verify(ceremony);
    }
}
