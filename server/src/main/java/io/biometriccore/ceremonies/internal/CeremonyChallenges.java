package io.biometriccore.ceremonies.internal;

import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.SecureRandoms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Issues and takes the single-use challenges of both ceremonies. A challenge is bound to its tenant,
 * its ceremony type and (through {@link PendingCeremony}) its user, and it expires.
 */
@Component
public class CeremonyChallenges {

    /** WebAuthn asks for at least 16 random bytes (§13.4.3); we use 32. */
    public static final int CHALLENGE_BYTES = 32;

    private final ChallengeStore store;
    private final Clock clock;

    CeremonyChallenges(ChallengeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public String newChallenge() {
        return SecureRandoms.base64Url(CHALLENGE_BYTES);
    }

    public String newHandle() {
        return SecureRandoms.base64Url(16);
    }

    public Instant expiry(Duration timeout) {
        return clock.instant().plus(timeout);
    }

    /**
     * @throws ApiException {@code challenge_store_full} (503, with {@code Retry-After} in seconds) when
     *                      the store is at {@code biometric.challenges.max-pending}; nothing is stored
     */
    public void save(PendingCeremony ceremony) {
        store.save(ceremony).ifPresent(full -> {
            throw new ApiException(CeremonyProblem.CHALLENGE_STORE_FULL, CeremonyProblem.CHALLENGE_STORE_FULL.title(),
                    Map.of(), Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(full.retryAfter()))));
        });
    }

    /** Whole seconds, rounded up, at least one. */
    static long retryAfterSeconds(Duration retryAfter) {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /**
     * Takes the pending ceremony for a result: by the adapter's handle when it has one (and then the
     * client data must carry the same challenge), else by the challenge in the client data.
     */
    public PendingCeremony take(String tenantId, CeremonyType type, Optional<String> handle, byte[] clientChallenge) {
        String challenge = Base64Url.encode(clientChallenge);
        Optional<PendingCeremony> taken = handle.isPresent()
                ? store.takeByHandle(tenantId, type, handle.get()).filter(p -> p.challenge().equals(challenge))
                : store.takeByChallenge(tenantId, type, challenge);
        PendingCeremony pending = taken.orElseThrow(() -> new ApiException(CeremonyProblem.CHALLENGE_MISMATCH));
        if (pending.expiredAt(clock.instant())) {
            throw new ApiException(CeremonyProblem.CHALLENGE_EXPIRED);
        }
        return pending;
    }
}
