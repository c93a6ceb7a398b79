package io.biometriccore.ceremonies.internal;

import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.shared.ApiException;
import java.util.Set;

/**
 * A challenge is spent only by a route that finishes what it was issued for (ADR 0023): without
 * this, a response made for a step-up or a cross-channel approval could open a session through the
 * conformance routes, which check neither the session nor the request it belongs to.
 */
final class PurposeBinding {

    private PurposeBinding() {
    }

    static void verify(PendingCeremony pending, Set<CeremonyPurpose> accepted) {
        if (!accepted.contains(pending.purpose())) {
            throw new ApiException(CeremonyProblem.CEREMONY_PURPOSE_MISMATCH);
        }
    }
}
