package io.biometriccore.ceremonies.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Shared challenge store in Redis, for several nodes. A ceremony is one key named by its tenant,
 * type and challenge, and its handle is a second key naming the challenge; one script writes both in
 * one round trip. A take is {@code GETDEL} of the ceremony's key: of two concurrent takes (on
 * any nodes, by handle or by challenge) only the one whose GETDEL returned the value gets the
 * ceremony, and a sign-in's take is that one round trip. Keys expire by Redis a grace period after the
 * ceremony, so that a late answer is told {@code challenge_expired}, as with the other stores, and
 * then vanish; a handle left behind by a take by challenge names a ceremony that is gone. The cap is
 * each node's {@link PendingQuota}, by challenge: a ceremony counts until its key expires, unless a
 * take on this node deletes it first; a save is still the one script and a take the one GETDEL.
 */
class RedisChallengeStore implements ChallengeStore {

    /** Kept past expiry so that a late take still finds the ceremony and can say it expired. */
    static final Duration GRACE = Duration.ofMinutes(1);
    private static final String PREFIX = "biometric:challenge:";
    /**
     * Both keys in one round trip on the shared connection (a pipeline or MULTI would need a
     * connection of its own each time). A script's keys must be on one node, so this store wants one
     * Redis, replicated or not, rather than a Redis Cluster.
     */
    private static final RedisScript<Long> SAVE = RedisScript.of("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final PendingQuota quota;
    private final Clock clock;

    RedisChallengeStore(StringRedisTemplate redis, PendingQuota quota, Clock clock) {
        this.redis = redis;
        this.quota = quota;
        this.clock = clock;
    }

    @Override
    public Optional<Full> save(PendingCeremony ceremony) {
        Optional<Full> full = quota.admit(ceremony.challenge(), ceremony.expiresAt().plus(GRACE)).map(Full::new);
        if (full.isPresent()) {
            return full;
        }
        Duration ttl = Duration.between(clock.instant(), ceremony.expiresAt()).plus(GRACE);
        try {
            redis.execute(SAVE, List.of(ceremonyKey(ceremony.tenantId(), ceremony.type(), ceremony.challenge()),
                    handleKey(ceremony.handle())), StoredCeremonies.write(ceremony), ceremony.challenge(),
                    Long.toString(ttl.toMillis()));
        } catch (RuntimeException notStored) {
            quota.release(ceremony.challenge());
            throw notStored;
        }
        return Optional.empty();
    }

    @Override
    public Optional<PendingCeremony> takeByChallenge(String tenantId, CeremonyType type, String challenge) {
        String payload = redis.opsForValue().getAndDelete(ceremonyKey(tenantId, type, challenge));
        if (payload == null) {
            return Optional.empty();
        }
        quota.release(challenge);
        return StoredCeremonies.read(payload);
    }

    @Override
    public Optional<PendingCeremony> takeByHandle(String tenantId, CeremonyType type, String handle) {
        return Optional.ofNullable(redis.opsForValue().getAndDelete(handleKey(handle)))
                .flatMap(challenge -> takeByChallenge(tenantId, type, challenge));
    }

    /** Redis expires the keys itself. */
    @Override
    public int purgeExpired() {
        return 0;
    }

    private static String handleKey(String handle) {
        return PREFIX + "handle:" + handle;
    }

    private static String ceremonyKey(String tenantId, CeremonyType type, String challenge) {
        return PREFIX + tenantId + ":" + type + ":" + challenge;
    }
}
