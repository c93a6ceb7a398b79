package io.biometriccore.ceremonies.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared challenge store in Redis, for several nodes. A ceremony is one key named by its tenant,
 * type and challenge, and its handle is a second key naming the challenge; both are written in one
 * pipelined round trip. A take is {@code GETDEL} of the ceremony's key: of two concurrent takes (on
 * any nodes, by handle or by challenge) only the one whose GETDEL returned the value gets the
 * ceremony, and a sign-in's take is that one round trip. Keys expire by Redis a grace period after the
 * ceremony, so that a late answer is told {@code challenge_expired}, as with the other stores, and
 * then vanish; a handle left behind by a take by challenge names a ceremony that is gone.
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
        String payload = JSON.writeValueAsString(ceremony);
        redis.executePipelined(new SessionCallback<Void>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> @Nullable Void execute(RedisOperations<K, V> operations) {
                var values = ((RedisOperations<String, String>) operations).opsForValue();
                values.set(ceremonyKey(ceremony.tenantId(), ceremony.type(), ceremony.challenge()), payload, ttl);
                values.set(handleKey(ceremony.handle()), ceremony.challenge(), ttl);
                return null;
            }
        });
    }

    @Override
    public Optional<PendingCeremony> takeByChallenge(String tenantId, CeremonyType type, String challenge) {
        return Optional.ofNullable(redis.opsForValue().getAndDelete(ceremonyKey(tenantId, type, challenge)))
                .map(payload -> JSON.readValue(payload, PendingCeremony.class));
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
