package io.biometriccore.ceremonies.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared challenge store in Redis, for several nodes. A ceremony is one key by its handle, and its
 * challenge is a second key pointing at the handle. A take is {@code GETDEL} of the ceremony's key:
 * of two concurrent takes (on any nodes, by handle or by challenge) only the one whose GETDEL
 * returned the value gets the ceremony. Keys expire by Redis a grace period after the ceremony, so
 * that a late answer is told {@code challenge_expired}, as with the other stores, and then vanish.
 */
class RedisChallengeStore implements ChallengeStore {

    /** Kept past expiry so that a late take still finds the ceremony and can say it expired. */
    static final Duration GRACE = Duration.ofMinutes(1);
    private static final String PREFIX = "biometric:challenge:";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StringRedisTemplate redis;
    private final Clock clock;

    RedisChallengeStore(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public void save(PendingCeremony ceremony) {
        Duration ttl = Duration.between(clock.instant(), ceremony.expiresAt()).plus(GRACE);
        redis.opsForValue().set(ceremonyKey(ceremony.handle()), JSON.writeValueAsString(ceremony), ttl);
        redis.opsForValue().set(challengeKey(ceremony.tenantId(), ceremony.type(), ceremony.challenge()),
                ceremony.handle(), ttl);
    }

    @Override
    public Optional<PendingCeremony> takeByChallenge(String tenantId, CeremonyType type, String challenge) {
        return Optional.ofNullable(redis.opsForValue().getAndDelete(challengeKey(tenantId, type, challenge)))
                .flatMap(handle -> takeByHandle(tenantId, type, handle));
    }

    @Override
    public Optional<PendingCeremony> takeByHandle(String tenantId, CeremonyType type, String handle) {
        String payload = redis.opsForValue().getAndDelete(ceremonyKey(handle));
        if (payload == null) {
            return Optional.empty();
        }
        PendingCeremony taken = JSON.readValue(payload, PendingCeremony.class);
        redis.delete(challengeKey(taken.tenantId(), taken.type(), taken.challenge()));
        boolean bound = taken.tenantId().equals(tenantId) && taken.type() == type;
        return bound ? Optional.of(taken) : Optional.empty();
    }

    /** Redis expires the keys itself. */
    @Override
    public int purgeExpired() {
        return 0;
    }

    private static String ceremonyKey(String handle) {
        return PREFIX + "handle:" + handle;
    }

    private static String challengeKey(String tenantId, CeremonyType type, String challenge) {
        return PREFIX + tenantId + ":" + type + ":" + challenge;
    }
}
