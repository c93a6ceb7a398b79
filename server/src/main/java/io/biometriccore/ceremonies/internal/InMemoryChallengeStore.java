package io.biometriccore.ceremonies.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Single-node challenge store. {@link ConcurrentHashMap#remove} makes each take atomic. */
class InMemoryChallengeStore implements ChallengeStore {

    private final Map<String, PendingCeremony> byHandle = new ConcurrentHashMap<>();
    private final Map<String, String> handleByChallenge = new ConcurrentHashMap<>();
    private final Clock clock;

    InMemoryChallengeStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(PendingCeremony ceremony) {
        byHandle.put(ceremony.handle(), ceremony);
        handleByChallenge.put(key(ceremony.tenantId(), ceremony.type(), ceremony.challenge()), ceremony.handle());
    }

    @Override
    public Optional<PendingCeremony> takeByChallenge(String tenantId, CeremonyType type, String challenge) {
        String handle = handleByChallenge.remove(key(tenantId, type, challenge));
        return handle == null ? Optional.empty() : takeByHandle(tenantId, type, handle);
    }

    @Override
    public Optional<PendingCeremony> takeByHandle(String tenantId, CeremonyType type, String handle) {
        PendingCeremony taken = byHandle.remove(handle);
        if (taken == null) {
            return Optional.empty();
        }
        handleByChallenge.remove(key(taken.tenantId(), taken.type(), taken.challenge()));
        boolean bound = taken.tenantId().equals(tenantId) && taken.type() == type;
        return bound ? Optional.of(taken) : Optional.empty();
    }

    @Override
    public int purgeExpired() {
        var now = clock.instant();
        int before = byHandle.size();
        byHandle.values().removeIf(c -> {
            boolean expired = c.expiredAt(now);
            if (expired) {
                handleByChallenge.remove(key(c.tenantId(), c.type(), c.challenge()));
            }
            return expired;
        });
        return before - byHandle.size();
    }

    private static String key(String tenantId, CeremonyType type, String challenge) {
        return tenantId + '\n' + type + '\n' + challenge;
    }
}
