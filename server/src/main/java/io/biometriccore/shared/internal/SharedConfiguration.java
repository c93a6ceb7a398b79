package io.biometriccore.shared.internal;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock, and scheduling for the modules' background jobs (challenge purge, sealer, retention, DPoP). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SharedConfiguration {

    /** All time in the server comes from this clock, so that tests can pin expiry and certificate validity. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
