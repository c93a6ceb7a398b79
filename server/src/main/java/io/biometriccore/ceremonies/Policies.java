package io.biometriccore.ceremonies;

import io.biometriccore.tenancy.Requirement;
import org.jspecify.annotations.Nullable;

/** How a client's preference combines with tenant policy: the client may only make it stricter. */
final class Policies {

    private Policies() {
    }

    static boolean userVerificationRequired(Requirement policy, @Nullable Requirement requested) {
        return policy == Requirement.REQUIRED || requested == Requirement.REQUIRED;
    }

    static Requirement userVerification(Requirement policy, @Nullable Requirement requested) {
        if (requested == null || requested.ordinal() >= policy.ordinal()) {
            return policy;
        }
        return requested;
    }
}
