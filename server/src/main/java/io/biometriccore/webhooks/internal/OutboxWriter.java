package io.biometriccore.webhooks.internal;

import io.biometriccore.shared.BankNotification;
import io.biometriccore.webhooks.internal.Outbox.DeadReason;
import io.biometriccore.webhooks.internal.TenantWebhooks.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each {@link BankNotification} to the outbox, synchronously, in the transaction of the action
 * that published it: the action and its notification commit or roll back together. A tenant without a
 * webhook, or whose webhook does not take the type, gets no row. The body is rendered here, once, so
 * that every attempt sends the same bytes under the same event id.
 */
@Component
class OutboxWriter {

    private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

    private final TenantWebhooks webhooks;
    private final Outbox outbox;
    private final WebhookProperties properties;
    private final WebhookMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;

    OutboxWriter(TenantWebhooks webhooks, Outbox outbox, WebhookProperties properties, WebhookMetrics metrics,
            JsonMapper json, Clock clock) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.properties = properties;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void on(BankNotification notification) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A BankNotification (" + notification.type().wireName()
                    + ") was published outside a transaction: its outbox row would not commit with the action");
        }
        Optional<Webhook> webhook = webhooks.find(notification.tenantId());
        if (webhook.isEmpty() || !webhook.get().subscribes(notification.type())) {
            return;
        }
        write(webhook.get(), notification);
    }

    private void write(Webhook webhook, BankNotification notification) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String type = notification.type().wireName();
        boolean full = outbox.backlogAtLeast(webhook.tenantId(), webhook.id(), properties.maxBacklog());
        if (full) {
            metrics.deadLettered();
            log.warn("Webhook of tenant {}: the backlog is at its cap of {}; notification {} ({}) is a dead letter",
                    webhook.tenantId(), properties.maxBacklog(), id, type);
        }
        Instant purgeAfter = full ? now.plus(properties.deadLetterRetention())
                : now.plus(properties.maxAge()).plus(properties.deadLetterRetention());
        outbox.insert(id, webhook.tenantId(), webhook.id(), type, body(id, notification, now), now,
                full ? DeadReason.BACKLOG_FULL : null, purgeAfter);
    }

    private String body(UUID id, BankNotification notification, Instant occurredAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("type", notification.type().wireName());
        body.put("tenantId", notification.tenantId());
        body.put("subject", notification.subject());
        body.put("occurredAt", occurredAt.toString());
        body.put("data", notification.data());
        return json.writeValueAsString(body);
    }
}
