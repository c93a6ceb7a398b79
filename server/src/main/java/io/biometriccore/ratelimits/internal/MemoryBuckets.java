package io.biometriccore.ratelimits.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.biometriccore.tenancy.RateLimits;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Buckets in this node's memory. Their number is capped, and a bucket is forgotten once it has not
 * been used for its period: by then it has refilled, so a new one is the same. Under a flood of
 * distinct keys beyond the cap the least used are dropped first.
 */
final class MemoryBuckets implements Buckets {

    private record Entry(Bucket bucket, long periodNanos) {
    }

    private final Cache<String, Entry> buckets;
    private final TimeMeter time;

    MemoryBuckets(long maxKeys, TimeMeter time) {
        this.time = time;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfter(new Expiry<String, Entry>() {
            @Override
            public long expireAfterCreate(String key, Entry entry, long now) {
                return entry.periodNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Entry entry, long now, long remaining) {
                return entry.periodNanos();
            }

            @Override
            public long expireAfterRead(String key, Entry entry, long now, long remaining) {
                return entry.periodNanos();
            }
        }).build();
    }

    @Override
    public Bucket bucket(String key, RateLimits.Limit limit) {
        return buckets.get(key, k -> new Entry(Bucket.builder()
                .addLimit(l -> l.capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()))
                .withCustomTimePrecision(time).build(), limit.period().toNanos())).bucket();
    }
}
