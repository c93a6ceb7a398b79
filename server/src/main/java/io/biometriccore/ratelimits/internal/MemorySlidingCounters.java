package io.biometriccore.ratelimits.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Velocity counters in this node's memory, capped in number like the buckets; each is forgotten once
 * its time to live has passed since it was created.
 */
final class MemorySlidingCounters implements SlidingCounters {

    private record Entry(AtomicLong count, long ttlNanos) {
    }

    private final Cache<String, Entry> counters;

    MemorySlidingCounters(long maxKeys) {
        this.counters = Caffeine.newBuilder().maximumSize(maxKeys).expireAfter(new Expiry<String, Entry>() {
            @Override
            public long expireAfterCreate(String key, Entry entry, long now) {
                return entry.ttlNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Entry entry, long now, long remaining) {
                return remaining;
            }

            @Override
            public long expireAfterRead(String key, Entry entry, long now, long remaining) {
                return remaining;
            }
        }).build();
    }

    @Override
    public long[] addAndRead(String current, String previous, Duration ttl) {
        long added = counters.get(current, key -> new Entry(new AtomicLong(), ttl.toNanos())).count().incrementAndGet();
        return new long[] {added, countOf(previous)};
    }

    @Override
    public long[] read(String current, String previous) {
        return new long[] {countOf(current), countOf(previous)};
    }

    private long countOf(String key) {
        Entry entry = counters.getIfPresent(key);
        return entry == null ? 0 : entry.count().get();
    }
}
