package io.biometriccore.ceremonies;

import io.biometriccore.tenancy.Requirement;
import org.jspecify.annotations.Nullable;

/**
 * A request for request options: username-first when {@code username} is given, usernameless
 * (discoverable credential) when it is not. {@code userVerification} can only make the policy stricter.
 */
public record AuthenticationStart(@Nullable String username, @Nullable Requirement userVerification) {
}
