package io.biometriccore.siem;

import io.biometriccore.audit.SealedEvents;
import io.biometriccore.siem.SinkStatus.TenantStatus;
import io.biometriccore.siem.internal.Deliveries;
import io.biometriccore.siem.internal.SiemCursors;
import io.biometriccore.siem.internal.SiemCursors.Cursor;
import io.biometriccore.siem.internal.SiemProperties;
import io.biometriccore.siem.internal.SiemProperties.Sink;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
 * Runs the export of the sealed audit log to the configured sinks: one loop per sink, on a virtual
 * thread, that delivers every tenant's backlog and then pauses for the poll interval. It holds no
 * position of its own: every pass starts from the cursors in the database, so {@link #stop()} and
 * {@link #start()}, a crash or a restart of the server resume exactly after the last acknowledged
 * leaf. Stopping interrupts a delivery in flight; its batch was not acknowledged and is sent again.
 */
@Component
public class SiemExporter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SiemExporter.class);

    private final SiemProperties properties;
    private final Deliveries deliveries;
    private final SiemCursors cursors;
    private final SealedEvents sealedEvents;
    /** This exporter's name in the leases of the cursors it delivers. */
    private final UUID node = UUID.randomUUID();
    private final Object lifecycle = new Object();
    private @Nullable ScheduledExecutorService loops;
    private @Nullable HttpClient http;
    private boolean running;

    SiemExporter(SiemProperties properties, Deliveries deliveries, SiemCursors cursors, SealedEvents sealedEvents) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.cursors = cursors;
        this.sealedEvents = sealedEvents;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            running = true;
            if (properties.sinks().isEmpty()) {
                return;
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(properties.requestTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            ScheduledExecutorService executor = Executors.newScheduledThreadPool(properties.sinks().size(),
                    Thread.ofVirtual().name("siem-export-", 0).factory());
            for (Sink sink : properties.sinks()) {
                executor.scheduleWithFixedDelay(() -> run(sink, client), 0, properties.pollInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            http = client;
            loops = executor;
            log.info("Exporting the audit log to SIEM sinks {}", properties.sinks().stream().map(Sink::name).toList());
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            if (loops == null || http == null) {
                return;
            }
            loops.shutdownNow();
            http.shutdownNow();
            try {
                if (!loops.awaitTermination(properties.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                    log.warn("A SIEM export loop did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loops = null;
            http = null;
            try {
                cursors.release(node);
            } catch (RuntimeException e) {
                log.warn("Could not release the SIEM export leases; they expire after {}", properties.lease(), e);
            }
            log.info("Stopped the SIEM export");
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return running;
        }
    }

    /** Every configured sink's position in every tenant's log it exports, from the database. */
    public List<SinkStatus> status() {
        Map<String, Long> sealed = sealedEvents.sealedCounts();
        return properties.sinks().stream().map(sink -> {
            Map<String, TenantStatus> tenants = new TreeMap<>();
            sealed.forEach((tenantId, size) -> {
                if (sink.exports(tenantId)) {
                    tenants.put(tenantId, new TenantStatus(tenantId, size, 0, size, 0, null, null, null));
                }
            });
            for (Cursor c : cursors.of(sink.name())) {
                long size = sealed.getOrDefault(c.tenantId(), 0L);
                long delivered = c.lastLeafIndex() + 1;
                tenants.put(c.tenantId(), new TenantStatus(c.tenantId(), size, delivered, Math.max(size - delivered, 0),
                        c.failures(), c.lastStatus(), c.attemptedAt(), c.deliveredAt()));
            }
            return new SinkStatus(sink.name(), sink.format().name().toLowerCase(Locale.ROOT),
                    List.copyOf(tenants.values()));
        }).toList();
    }

    private void run(Sink sink, HttpClient client) {
        try {
            deliveries.pass(sink, client, node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("SIEM sink {}: the export pass failed; it runs again after {}", sink.name(),
                    properties.pollInterval(), e);
        }
    }
}
