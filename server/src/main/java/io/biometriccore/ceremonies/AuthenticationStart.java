package io.biometriccore.ceremonies;

import io.biometriccore.tenancy.Requirement;
import org.jspecify.annotations.Nullable;

/**
 * A request for request options: username-first when {@code username} is given, usernameless
 * (discoverable credential) when it is not. {@code userVerification} can only make the policy stricter.
 * {@code context} comes back with the result.
 */
public record AuthenticationStart(@Nullable String username, @Nullable Requirement userVerification,
        CeremonyContext context) {

    public AuthenticationStart {
        java.util.Objects.requireNonNull(context, "context");
    }

    public static AuthenticationStart of(@Nullable String username, @Nullable Requirement userVerification) {
        return new AuthenticationStart(username, userVerification, CeremonyContext.NONE);
    }
}
