package io.biometriccore.ceremonies.internal;

import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.identity.Customer;
import io.biometriccore.shared.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * §7.2 step 6, the check behind CVE-2025-26788 and YSA-2026-02: the credential must belong to the
 * ceremony's user. Username-first: the user named in the options. Usernameless: the user that
 * {@code userHandle} names, which is then required. Either way a present {@code userHandle} must be
 * the owner's.
 */
final class UserBinding {

    private UserBinding() {
    }

    static void verify(PendingCeremony pending, Customer owner, byte @Nullable [] userHandle) {
        boolean usernameFirst = pending.username() != null;
        if (usernameFirst && !owner.id().equals(pending.customerId())) {
            throw new ApiException(CeremonyProblem.CREDENTIAL_USER_MISMATCH);
        }
        if (!usernameFirst && (userHandle == null || userHandle.length == 0)) {
            throw new ApiException(CeremonyProblem.USER_HANDLE_MISSING);
        }
        if (userHandle != null && userHandle.length > 0 && !owner.userHandle().matches(userHandle)) {
            throw new ApiException(CeremonyProblem.USER_HANDLE_MISMATCH);
        }
    }
}
