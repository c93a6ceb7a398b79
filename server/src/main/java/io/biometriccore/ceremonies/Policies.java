package io.biometriccore.ceremonies;

import io.biometriccore.tenancy.PolicyAction;
import io.biometriccore.tenancy.Requirement;
import org.jspecify.annotations.Nullable;

/** How a client's preference combines with tenant policy: the client may only make it stricter. */
final class Policies {

    private Policies() {
    }

    static boolean userVerificationRequired(Requirement policy, @Nullable Requirement requested) {
        return policy == Requirement.REQUIRED || requested == Requirement.REQUIRED;
    }

    /** The policy document's action for what a ceremony was started for. */
    static PolicyAction action(CeremonyPurpose purpose) {
        return switch (purpose) {
            case OPEN_ENROLLMENT, GRANT_ENROLLMENT -> PolicyAction.REGISTER;
            case SIGN_IN, CROSS_CHANNEL_APPROVAL, CONFORMANCE -> PolicyAction.SIGN_IN;
            case STEP_UP -> PolicyAction.STEP_UP;
            case TRANSACTION_APPROVAL, SPC_APPROVAL -> PolicyAction.APPROVE_TRANSACTION;
        };
    }

    static Requirement userVerification(Requirement policy, @Nullable Requirement requested) {
        if (requested == null || requested.ordinal() >= policy.ordinal()) {
            return policy;
        }
        return requested;
    }
}
