package io.biometriccore.signing.internal;

import io.biometriccore.shared.ExpiredRows.Dependent;
import io.biometriccore.shared.ExpiredRows.Purge;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Evidence goes at the end of its tenant's {@code signing.evidenceRetention}, with its transaction,
 * unless it is under legal hold ({@code purge_after} is then NULL); a transaction never approved goes
 * 30 days after its expiry (ADR 0026, ADR 0034).
 */
@Configuration(proxyBeanMethods = false)
class SigningPurges {

    @Bean
    Purge expiredEvidence() {
        return new Purge("evidence", "transaction_id", "purge_after", List.of(new Dependent("transactions", "id")));
    }

    @Bean
    Purge unapprovedTransactions() {
        return new Purge("transactions", "id", "purge_after");
    }
}
