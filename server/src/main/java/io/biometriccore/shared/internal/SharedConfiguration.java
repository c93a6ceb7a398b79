package io.biometriccore.shared.internal;

import io.biometriccore.shared.CrossNodeEvents;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.biometriccore.shared.ExpiredRows;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clock, the cross-node notifier, and scheduling for the modules' background jobs (challenge
 * purge, sealer, retention, DPoP).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SharedConfiguration {

    /** All time in the server comes from this clock, so that tests can pin expiry and certificate validity. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A {@code null} member of a list or set in a request body is malformed input, refused when it is
     * read (400 {@code malformed_request}) instead of failing later as a 500. A property that takes
     * nulls says so with {@code @JsonSetter(contentNulls = ...)}.
     */
    @Bean
    JsonMapperBuilderCustomizer noNullMembersInCollections() {
        JsonSetter.Value fail = JsonSetter.Value.forContentNulls(Nulls.FAIL);
        return builder -> builder.withConfigOverride(List.class, o -> o.setNullHandling(fail))
                .withConfigOverride(Set.class, o -> o.setNullHandling(fail));
    }

    /** PostgreSQL's NOTIFY where several nodes share it; in-process on the embedded database (one node). */
    @Bean
    CrossNodeEvents crossNodeEvents(JdbcClient jdbc, JdbcConnectionDetails database) {
        return database.getJdbcUrl().startsWith("jdbc:postgresql:")
                ? new PostgresCrossNodeEvents(jdbc, database)
                : new LocalCrossNodeEvents();
    }

    /** The modules' purges of expired rows, each batch in a transaction of its own (ADR 0026). */
    @Bean
    ExpiredRows expiredRows(JdbcClient jdbc, PlatformTransactionManager transactions,
            @Value("${biometric.purge.batch-size:500}") int batchSize) {
        TransactionTemplate ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new ExpiredRows(jdbc, ownTransaction, batchSize);
    }
}
