package io.biometriccore.ceremonies.internal;

import io.biometriccore.shared.ExpiredRows;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chooses the challenge store: {@code biometric.challenges.store=memory} (default, one node),
 * {@code jdbc} (the database) or {@code redis} (Redis at {@code spring.data.redis.*}), each capped at
 * {@code biometric.challenges.max-pending} per node (ADR 0026).
 */
@Configuration(proxyBeanMethods = false)
class ChallengeStoreConfiguration {

    @Bean
    ChallengeStore challengeStore(@Value("${biometric.challenges.store:memory}") String kind,
            @Value("${biometric.challenges.max-pending:100000}") int maxPending,
            @Value("${biometric.challenges.purge-interval:PT1M}") Duration purgeInterval, JdbcClient jdbc,
            PlatformTransactionManager transactions, ObjectProvider<StringRedisTemplate> redis,
            ExpiredRows expiredRows, Clock clock) {
        return switch (kind) {
            case "memory" -> new InMemoryChallengeStore(maxPending, clock);
            case "jdbc" -> new JdbcChallengeStore(jdbc, ownTransaction(transactions),
                    new PendingQuota(maxPending, clock), purgeInterval, expiredRows, clock);
            case "redis" -> new RedisChallengeStore(redis.getObject(), new PendingQuota(maxPending, clock), clock);
            default -> throw new IllegalStateException(
                    "biometric.challenges.store must be 'memory', 'jdbc' or 'redis', not " + kind);
        };
    }

    /** A take commits on its own, even inside a caller's transaction, so a rollback cannot revive a challenge. */
    private static TransactionTemplate ownTransaction(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    @Bean
    ExpiredChallengePurge expiredChallengePurge(ChallengeStore store) {
        return new ExpiredChallengePurge(store);
    }

    /** Expired challenges are refused when taken; this only reclaims their space. */
    static final class ExpiredChallengePurge {

        private final ChallengeStore store;

        ExpiredChallengePurge(ChallengeStore store) {
            this.store = store;
        }

        @Scheduled(fixedDelayString = "${biometric.challenges.purge-interval:PT1M}")
        void purge() {
            store.purgeExpired();
        }
    }
}
