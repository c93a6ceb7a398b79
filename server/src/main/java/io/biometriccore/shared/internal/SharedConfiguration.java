package io.biometriccore.shared.internal;

import io.biometriccore.shared.CrossNodeEvents;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

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
}
