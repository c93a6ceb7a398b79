package io.biometriccore.ceremonies.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Single-node challenge store. {@link ConcurrentHashMap#remove} makes each take atomic. It holds at
 * most {@code maxPending} ceremonies: a reservation is counted before a ceremony goes in and released
 * when one comes out, so the cap holds under concurrency. When full it first evicts the expired ones
 * (at most once per {@link #SWEEP_INTERVAL}, so a flood against a full store does not turn every
 * request into a sweep), and refuses only if that made no room.
 */
class InMemoryChallengeStore implements ChallengeStore {

    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final Map<String, PendingCeremony> byHandle = new ConcurrentHashMap<>();
    private final Map<String, String> handleByChallenge = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.MIN);
    private final int maxPending;
    private final Clock clock;

    InMemoryChallengeStore(int maxPending, Clock clock) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("biometric.challenges.max-pending must be at least 1, not " + maxPending);
        }
        this.maxPending = maxPending;
        this.clock = clock;
    }

    @Override
    public Optional<Full> save(PendingCeremony ceremony) {
        if (!reserve() && (!sweepIfDue() || !reserve())) {
            return Optional.of(new Full(SWEEP_INTERVAL));
        }
        byHandle.put(ceremony.handle(), ceremony);
        handleByChallenge.put(key(ceremony.tenantId(), ceremony.type(), ceremony.challenge()), ceremony.handle());
        return Optional.empty();
    }

    private boolean reserve() {
        return pending.getAndUpdate(n -> n < maxPending ? n + 1 : n) < maxPending;
    }

    /** True if this call swept (whether or not that freed anything). */
    private boolean sweepIfDue() {
        Instant now = clock.instant();
        Instant last = lastSweep.get();
        if (now.isBefore(last.plus(SWEEP_INTERVAL)) || !lastSweep.compareAndSet(last, now)) {
            return false;
        }
        purgeExpired();
        return true;
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
        pending.decrementAndGet();
        handleByChallenge.remove(key(taken.tenantId(), taken.type(), taken.challenge()));
        boolean bound = taken.tenantId().equals(tenantId) && taken.type() == type;
        return bound ? Optional.of(taken) : Optional.empty();
    }

    @Override
    public int purgeExpired() {
        var now = clock.instant();
        int purged = 0;
        for (PendingCeremony c : byHandle.values()) {
            if (c.expiredAt(now) && byHandle.remove(c.handle(), c)) {
                pending.decrementAndGet();
                handleByChallenge.remove(key(c.tenantId(), c.type(), c.challenge()));
                purged++;
            }
        }
        return purged;
    }

    private static String key(String tenantId, CeremonyType type, String challenge) {
        return tenantId + '\n' + type + '\n' + challenge;
    }
}
