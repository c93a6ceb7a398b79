package io.biometriccore.ceremonies.internal;

import io.biometriccore.shared.ExpiredRows.Purge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Enrollment grants go once expired, used or not: nothing reads a grant past its expiry (ADR 0026). */
@Configuration(proxyBeanMethods = false)
class CeremonyPurges {

    @Bean
    Purge expiredEnrollmentGrants() {
        return new Purge("enrollment_grant", "id", "expires_at");
    }
}
