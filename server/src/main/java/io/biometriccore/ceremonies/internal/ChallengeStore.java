package io.biometriccore.ceremonies.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where challenges wait between options and result. Taking is atomic and destructive: of two
 * concurrent takes of one challenge, exactly one gets it. Selected by {@code biometric.challenges.store}:
 * {@code memory} (one node), {@code jdbc} (several nodes sharing the database) or {@code redis}
 * (several nodes sharing Redis). Every store is capped by {@code biometric.challenges.max-pending}
 * (ADR 0026): at the cap a save stores nothing and says when to retry, and nothing stored is lost.
 */
public interface ChallengeStore {

    /** The store is at its cap; room is expected after {@code retryAfter}. */
    record Full(Duration retryAfter) {
        public Full {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Stores the ceremony and returns empty, or, at the cap, stores nothing and returns why. */
    Optional<Full> save(PendingCeremony ceremony);

    /** Takes the ceremony whose challenge (base64url) this is, bound to the tenant and type. */
    Optional<PendingCeremony> takeByChallenge(String tenantId, CeremonyType type, String challenge);

    /** Takes the ceremony by its handle (from the conformance profile's session cookie). */
    Optional<PendingCeremony> takeByHandle(String tenantId, CeremonyType type, String handle);

    /** Forgets ceremonies that expired before now; returns how many. */
    int purgeExpired();
}
