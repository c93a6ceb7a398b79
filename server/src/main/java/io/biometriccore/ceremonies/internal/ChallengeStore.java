package io.biometriccore.ceremonies.internal;

import java.util.Optional;

/**
 * Where challenges wait between options and result. Taking is atomic and destructive: of two
 * concurrent takes of one challenge, exactly one gets it. Selected by {@code biometric.challenges.store}:
 * {@code memory} (one node), {@code jdbc} (several nodes sharing the database) or {@code redis}
 * (several nodes sharing Redis).
 */
public interface ChallengeStore {

    void save(PendingCeremony ceremony);

    /** Takes the ceremony whose challenge (base64url) this is, bound to the tenant and type. */
    Optional<PendingCeremony> takeByChallenge(String tenantId, CeremonyType type, String challenge);

    /** Takes the ceremony by its handle (from the conformance profile's session cookie). */
    Optional<PendingCeremony> takeByHandle(String tenantId, CeremonyType type, String handle);

    /** Forgets ceremonies that expired before now; returns how many. */
    int purgeExpired();
}
