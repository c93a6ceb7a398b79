package io.biometriccore.ratelimits.internal;

import io.biometriccore.tenancy.RateLimits;
import io.github.bucket4j.Bucket;

/** Where the token buckets live: this node's memory, or Redis for several nodes. */
interface Buckets {

    /**
     * The bucket of {@code key}, created full when there is none: {@code limit}'s capacity, refilled
     * evenly over its period.
     *
     * @param key names the limit's kind, tenant, settings and subject, so that changed settings start
     *            afresh
     */
    Bucket bucket(String key, RateLimits.Limit limit);
}
