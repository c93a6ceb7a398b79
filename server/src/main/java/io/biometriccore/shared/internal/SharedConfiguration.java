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
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

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

    /**
     * A request member of the wrong JSON type is malformed input (400 {@code malformed_request}), never
     * converted: {@code {"value": 10.00}} where the contract has a decimal string, {@code "true"} or
     * {@code 1} where it has a boolean, {@code 1.5} where it has an integer. What is signed or decided on
     * is then exactly what the caller wrote, in the type the contract gives it.
     */
    @Bean
    JsonMapperBuilderCustomizer noScalarCoercion() {
        return builder -> builder
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail));
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
