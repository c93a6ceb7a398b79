package io.biometriccore.ratelimits.internal;

import io.biometriccore.tenancy.RateLimits;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Buckets in Redis, shared by every node: Bucket4j's compare-and-swap on one key per bucket, through a
 * connection of Spring Data Redis's own Lettuce client (same server, credentials and TLS), opened on
 * first use so that the server starts while Redis is away. A key expires once its bucket would have
 * refilled.
 */
final class RedisBuckets implements Buckets, AutoCloseable {

    /** How long a key outlives its bucket's refill, for clocks a little apart. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final AbstractRedisClient client;
    private final String prefix;
    private final Duration timeout;
    private final TimeMeter time;
    private @Nullable StatefulConnection<byte[], byte[]> connection;
    private volatile @Nullable ProxyManager<byte[]> proxies;

    RedisBuckets(AbstractRedisClient client, String prefix, Duration timeout, TimeMeter time) {
        this.client = client;
        this.prefix = prefix;
        this.timeout = timeout;
        this.time = time;
    }

    @Override
    public Bucket bucket(String key, RateLimits.Limit limit) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()))
                .build();
        return proxies().builder().build((prefix + key).getBytes(StandardCharsets.UTF_8), () -> configuration);
    }

    private ProxyManager<byte[]> proxies() {
        ProxyManager<byte[]> ready = proxies;
        return ready != null ? ready : connect();
    }

    private synchronized ProxyManager<byte[]> connect() {
        if (proxies == null) {
            var builder = switch (client) {
                case RedisClient standalone ->
                        Bucket4jLettuce.casBasedBuilder(opened(standalone.connect(ByteArrayCodec.INSTANCE)));
                case RedisClusterClient cluster ->
                        Bucket4jLettuce.casBasedBuilder(opened(cluster.connect(ByteArrayCodec.INSTANCE)));
                default -> throw new IllegalStateException("Unsupported Redis client " + client.getClass());
            };
            proxies = builder.clientClock(time).requestTimeout(timeout)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(GRACE))
                    .build();
        }
        return Objects.requireNonNull(proxies);
    }

    private <C extends StatefulConnection<byte[], byte[]>> C opened(C opened) {
        connection = opened;
        return opened;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
