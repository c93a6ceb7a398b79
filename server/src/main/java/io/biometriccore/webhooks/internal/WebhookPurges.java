package io.biometriccore.webhooks.internal;

import io.biometriccore.shared.ExpiredRows.Purge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outbox rows go at their {@code purge_after} (ADR 0026): delivered ones after
 * {@code delivered-retention}, dead letters after {@code dead-letter-retention}, and the rows of a
 * removed webhook once they would have been dead letters past their retention.
 */
@Configuration(proxyBeanMethods = false)
class WebhookPurges {

    @Bean
    Purge webhookOutboxRows() {
        return new Purge("webhook_outbox", "id", "purge_after");
    }
}
