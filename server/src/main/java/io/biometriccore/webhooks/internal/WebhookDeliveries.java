package io.biometriccore.webhooks.internal;

import io.biometriccore.keys.KeyProvider;
import io.biometriccore.shared.WebhookSignature;
import io.biometriccore.webhooks.internal.Outbox.Claimed;
import io.biometriccore.webhooks.internal.Outbox.DeadReason;
import io.biometriccore.webhooks.internal.TenantWebhooks.Webhook;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the due outbox rows of every tenant's webhook: claims a batch under a lease, POSTs each
 * row's body signed with the webhook's secret, and records the answer. A row is sent only while its
 * answer can still come within the lease, so no other node sends it at the same time. A 2xx
 * acknowledges the row; any other answer, or none, makes it due again after a backoff that doubles
 * with each failure up to its cap. A row still undelivered {@code max-age} after its notification is dead-lettered instead of
 * sent. Neither the secret nor a body is ever logged.
 */
@Component
class WebhookDeliveries {

    static final String EVENT_ID_HEADER = "X-Biometric-Event-Id";
    static final String EVENT_TYPE_HEADER = "X-Biometric-Event-Type";
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final TenantWebhooks webhooks;
    private final Outbox outbox;
    private final KeyProvider keyProvider;
    private final WebhookProperties properties;
    private final WebhookMetrics metrics;
    private final TransactionTemplate transaction;
    private final Clock clock;

    WebhookDeliveries(TenantWebhooks webhooks, Outbox outbox, KeyProvider keyProvider, WebhookProperties properties,
            WebhookMetrics metrics, TransactionTemplate transaction, Clock clock) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.keyProvider = keyProvider;
        this.properties = properties;
        this.metrics = metrics;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** One pass over every webhook, each until nothing is due; returns early when the thread is interrupted. */
    void pass(HttpClient http, UUID node) throws InterruptedException {
        long backlog = 0;
        for (Webhook webhook : webhooks.all()) {
            try {
                drain(webhook, http, node);
                backlog += outbox.backlog(webhook.tenantId(), webhook.id());
            } catch (RuntimeException e) {
                log.error("Webhook of tenant {}: the delivery pass failed; it is retried on the next pass",
                        webhook.tenantId(), e);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped");
            }
        }
        metrics.backlog(backlog);
    }

    private void drain(Webhook webhook, HttpClient http, UUID node) {
        String secret = new String(keyProvider.unwrap(webhook.tenantId(), webhook.wrappedSecret()),
                StandardCharsets.UTF_8);
        List<Claimed> batch;
        do {
            Instant now = clock.instant();
            Instant leaseEnds = now.plus(properties.lease());
            batch = Objects.requireNonNullElse(transaction.execute(status -> outbox.claim(webhook.tenantId(),
                    webhook.id(), node, now, leaseEnds, properties.batchSize())), List.of());
            for (Claimed row : batch) {
                // A row whose answer could come after the lease ends is left to whoever claims it then.
                if (Thread.currentThread().isInterrupted()
                        || clock.instant().plus(properties.requestTimeout()).isAfter(leaseEnds)) {
                    return;
                }
                attempt(webhook, secret, row, http, node);
            }
        } while (batch.size() == properties.batchSize());
    }

    private void attempt(Webhook webhook, String secret, Claimed row, HttpClient http, UUID node) {
        Instant now = clock.instant();
        if (now.isAfter(row.createdAt().plus(properties.maxAge()))) {
            if (outbox.deadLettered(row, node, DeadReason.MAX_AGE, now, now.plus(properties.deadLetterRetention()))) {
                metrics.deadLettered();
                log.warn("Webhook of tenant {}: notification {} ({}) was not delivered within {} after {} attempts;"
                        + " it is a dead letter", row.tenantId(), row.id(), row.type(), properties.maxAge(),
                        row.attempts());
            }
            return;
        }
        int status = post(webhook, secret, row, http);
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        Instant answered = clock.instant();
        webhooks.attempted(webhook.tenantId(), webhook.id(), status, answered);
        if (status / 100 == 2) {
            if (outbox.delivered(row, node, status, answered, answered.plus(properties.deliveredRetention()))) {
                metrics.delivered();
            }
            log.debug("Webhook of tenant {}: delivered notification {} ({})", row.tenantId(), row.id(), row.type());
            return;
        }
        int failures = row.attempts() + 1;
        if (outbox.failed(row, node, status, answered, answered.plus(properties.backoff(failures)))) {
            metrics.failed();
        }
        log.warn("Webhook of tenant {}: delivery of notification {} ({}) failed ({}), attempt {}; retrying in {}",
                row.tenantId(), row.id(), row.type(), status == 0 ? "no answer" : "HTTP " + status, failures,
                properties.backoff(failures));
    }

    /** The receiver's HTTP status, 0 when it did not answer (refused, reset, timed out, TLS failed). */
    private int post(Webhook webhook, String secret, Claimed row, HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "biometric-core")
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, clock.instant().getEpochSecond(),
                        row.body()))
                .header(EVENT_ID_HEADER, row.id().toString())
                .header(EVENT_TYPE_HEADER, row.type())
                .POST(HttpRequest.BodyPublishers.ofString(row.body(), StandardCharsets.UTF_8))
                .build();
        // The request's own timeout ends at the status line; the whole exchange, body included, is bounded
        // here, so a receiver dripping its body holds no delivery thread (nor a row) past request-timeout.
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            return exchange.get(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
        } catch (ExecutionException | TimeoutException e) {
            exchange.cancel(true);
            log.debug("Webhook of tenant {}: no answer from the receiver: {}", row.tenantId(),
                    e instanceof ExecutionException ? String.valueOf(e.getCause()) : "timed out");
            return 0;
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
