package io.biometriccore.webhooks.internal;

import java.net.http.HttpClient;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the delivery of the tenant webhooks: one loop on a virtual thread that delivers what is due
 * and then pauses for the poll interval. It holds no state of its own: what is due is in the outbox,
 * so a stop, a crash or a restart resumes where the database says. Every node runs one; the leases
 * on the rows keep two nodes from sending the same row at once. Stopping interrupts a delivery in
 * flight; its row was not acknowledged and is sent again once its lease ends.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookProperties properties;
    private final WebhookDeliveries deliveries;
    /** This node's name in the leases of the rows it claims. */
    private final UUID node = UUID.randomUUID();
    private final Object lifecycle = new Object();
    private @Nullable ScheduledExecutorService loop;
    private @Nullable HttpClient http;

    WebhookDispatcher(WebhookProperties properties, WebhookDeliveries deliveries) {
        this.properties = properties;
        this.deliveries = deliveries;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (loop != null) {
                return;
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(properties.requestTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofVirtual().name("webhook-delivery-", 0).factory());
            executor.scheduleWithFixedDelay(() -> run(client), 0, properties.pollInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
            http = client;
            loop = executor;
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (loop == null || http == null) {
                return;
            }
            loop.shutdownNow();
            http.shutdownNow();
            try {
                if (!loop.awaitTermination(properties.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                    log.warn("The webhook delivery loop did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop = null;
            http = null;
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return loop != null;
        }
    }

    private void run(HttpClient client) {
        try {
            deliveries.pass(client, node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("The webhook delivery pass failed; it runs again after {}", properties.pollInterval(), e);
        }
    }
}
