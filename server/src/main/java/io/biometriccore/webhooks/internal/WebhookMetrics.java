package io.biometriccore.webhooks.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * {@code biometric.webhooks.deliveries} (tag {@code outcome}: delivered, failed, dead_lettered) and
 * {@code biometric.webhooks.backlog}, the undelivered rows of every tenant's webhook as this node last
 * counted them.
 */
@Component
class WebhookMetrics {

    private final Counter delivered;
    private final Counter failed;
    private final Counter deadLettered;
    private final AtomicLong backlog = new AtomicLong();

    WebhookMetrics(MeterRegistry registry) {
        delivered = outcome(registry, "delivered");
        failed = outcome(registry, "failed");
        deadLettered = outcome(registry, "dead_lettered");
        Gauge.builder("biometric.webhooks.backlog", backlog, AtomicLong::get)
                .description("Notifications not delivered yet, over every tenant's webhook").register(registry);
    }

    void delivered() {
        delivered.increment();
    }

    void failed() {
        failed.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void backlog(long rows) {
        backlog.set(rows);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("biometric.webhooks.deliveries").tag("outcome", outcome)
                .description("Webhook delivery attempts by outcome").register(registry);
    }
}
