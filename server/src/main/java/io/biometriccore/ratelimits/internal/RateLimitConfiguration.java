package io.biometriccore.ratelimits.internal;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Chooses where the buckets live: {@code biometric.rate-limits.store=memory} (default, one node) or
 * {@code redis} (the Redis of {@code spring.data.redis.*}, through Spring's Lettuce client), and puts
 * the limits in front of the tenant routes. The velocity counters ({@code Velocity}) live in the same store.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<AnonymousRequestLimits> limits;

    RateLimitConfiguration(ObjectProvider<AnonymousRequestLimits> limits) {
        this.limits = limits;
    }

    @Bean
    Buckets rateLimitBuckets(@Value("${biometric.rate-limits.store:memory}") String store,
            @Value("${biometric.rate-limits.memory.max-keys:100000}") long maxKeys,
            @Value("${biometric.rate-limits.redis.key-prefix:biometric:rate:}") String prefix,
            @Value("${spring.data.redis.timeout:2s}") Duration timeout,
            ObjectProvider<LettuceConnectionFactory> redis, Clock clock) {
        ClockTimeMeter time = new ClockTimeMeter(clock);
        return switch (store) {
            case "memory" -> new MemoryBuckets(maxKeys, time);
            case "redis" -> new RedisBuckets(redis.getObject().getNativeClient(), prefix, timeout, time);
            default -> throw new IllegalStateException(
                    "biometric.rate-limits.store must be 'memory' or 'redis', not " + store);
        };
    }

    @Bean
    SlidingCounters velocityCounters(@Value("${biometric.rate-limits.store:memory}") String store,
            @Value("${biometric.rate-limits.memory.max-keys:100000}") long maxKeys,
            @Value("${biometric.rate-limits.redis.key-prefix:biometric:rate:}") String prefix,
            ObjectProvider<StringRedisTemplate> redis) {
        return switch (store) {
            case "memory" -> new MemorySlidingCounters(maxKeys);
            case "redis" -> new RedisSlidingCounters(redis.getObject(), prefix);
            default -> throw new IllegalStateException(
                    "biometric.rate-limits.store must be 'memory' or 'redis', not " + store);
        };
    }

    @Bean
    RateLimiter rateLimiter(Buckets buckets, MeterRegistry metrics) {
        return new RateLimiter(buckets, metrics);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(limits.getObject()).addPathPatterns("/v1/tenants/**");
    }
}
