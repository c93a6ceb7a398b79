package io.biometriccore.ratelimits.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Velocity counters in Redis, shared by every node: {@code INCR} with an expiry set on creation, and
 * the previous window's count read in the same script, so that an attempt costs one round trip. The
 * two keys of a counter share a hash tag ({@code {...}}), so that a Redis Cluster keeps them in one slot.
 */
final class RedisSlidingCounters implements SlidingCounters {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ADD_AND_READ = RedisScript.of("""
            local added = redis.call('INCR', KEYS[1])
            if added == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {added, tonumber(redis.call('GET', KEYS[2]) or '0')}
            """, List.class);

    private final StringRedisTemplate redis;
    private final String prefix;

    RedisSlidingCounters(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public long[] addAndRead(String current, String previous, Duration ttl) {
        List<?> counts = redis.execute(ADD_AND_READ, List.of(prefix + current, prefix + previous),
                Long.toString(ttl.toMillis()));
        return new long[] {((Number) counts.get(0)).longValue(), ((Number) counts.get(1)).longValue()};
    }

    @Override
    public long[] read(String current, String previous) {
        List<String> counts = redis.opsForValue().multiGet(List.of(prefix + current, prefix + previous));
        return new long[] {parse(counts, 0), parse(counts, 1)};
    }

    private static long parse(@org.jspecify.annotations.Nullable List<String> counts, int index) {
        String count = counts == null ? null : counts.get(index);
        return count == null ? 0 : Long.parseLong(count);
    }
}
