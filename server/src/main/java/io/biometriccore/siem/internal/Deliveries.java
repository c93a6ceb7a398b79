package io.biometriccore.siem.internal;

import io.biometriccore.audit.SealedEvents;
import io.biometriccore.audit.SealedEvents.SealedEvent;
import io.biometriccore.shared.WebhookSignature;
import io.biometriccore.siem.internal.SiemCursors.Cursor;
import io.biometriccore.siem.internal.SiemProperties.Sink;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one sink's backlog: for each of its tenants, the sealed events after the cursor, in leaf
 * order, one POST per batch. The cursor moves only after a 2xx answer; any other answer, or none,
 * leaves it where it is, and the same leaves are sent again after a backoff that doubles with each
 * failure up to its cap. Nothing is ever skipped, so every event arrives at least once, in order.
 * Neither the secret nor an event body is ever logged.
 */
@Component
public class Deliveries {

    static final String DELIVERY_HEADER = "X-Biometric-Delivery";
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final SealedEvents sealedEvents;
    private final SiemCursors cursors;
    private final SiemProperties properties;
    private final Clock clock;

    Deliveries(SealedEvents sealedEvents, SiemCursors cursors, SiemProperties properties, Clock clock) {
        this.sealedEvents = sealedEvents;
        this.cursors = cursors;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One pass over the sink's tenants, each until it is caught up or an attempt fails. Returns early
     * when the thread is interrupted (the exporter stops); what was not acknowledged is sent again later.
     */
    public void pass(Sink sink, HttpClient http, UUID node) throws InterruptedException {
        Map<String, Long> sealed = sealedEvents.sealedCounts();
        Map<String, Cursor> positions = cursors.of(sink.name()).stream()
                .collect(Collectors.toMap(Cursor::tenantId, Function.identity()));
        for (String tenantId : new TreeSet<>(sealed.keySet())) {
            Cursor cursor = positions.get(tenantId);
            boolean behind = (cursor == null ? -1 : cursor.lastLeafIndex()) + 1 < sealed.get(tenantId);
            if (!sink.exports(tenantId) || !behind || (cursor != null && backingOff(cursor))) {
                continue;
            }
            try {
                drain(sink, tenantId, http, node);
            } catch (RuntimeException e) {
                log.error("SIEM sink {}: exporting tenant {} failed; it is retried on the next pass", sink.name(),
                        tenantId, e);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped");
            }
        }
    }

    private boolean backingOff(Cursor cursor) {
        return cursor.failures() > 0 && cursor.attemptedAt() != null
                && clock.instant().isBefore(cursor.attemptedAt().plus(properties.backoff(cursor.failures())));
    }

    private void drain(Sink sink, String tenantId, HttpClient http, UUID node) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            Instant now = clock.instant();
            Optional<Cursor> claimed = cursors.claim(sink.name(), tenantId, node, now, now.plus(properties.lease()));
            if (claimed.isEmpty()) {
                return;
            }
            long last = claimed.get().lastLeafIndex();
            List<SealedEvent> batch = contiguous(sealedEvents.after(tenantId, last, sink.batchSize()), last);
            if (batch.isEmpty()) {
                return;
            }
            long first = batch.getFirst().leafIndex();
            long end = batch.getLast().leafIndex();
            Answer answer = post(sink, tenantId, batch, first, end, http);
            // Stopped mid-request: not the receiver's failure, and not acknowledged either.
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            if (answer.status() / 100 != 2) {
                cursors.failed(sink.name(), tenantId, answer.status(), clock.instant());
                int failures = claimed.get().failures() + 1;
                log.warn("SIEM sink {}: delivery of tenant {} leaves {}-{} failed ({}), attempt {}; retrying in {}",
                        sink.name(), tenantId, first, end, answer.description(), failures,
                        properties.backoff(failures));
                return;
            }
            cursors.delivered(sink.name(), tenantId, end, answer.status(), clock.instant());
            log.debug("SIEM sink {}: delivered tenant {} leaves {}-{}", sink.name(), tenantId, first, end);
            if (batch.size() < sink.batchSize()) {
                return;
            }
        }
    }

    /** The events that follow {@code last} without a gap; the log is gap-free, so this is all of them. */
    private static List<SealedEvent> contiguous(List<SealedEvent> events, long last) {
        List<SealedEvent> run = new ArrayList<>();
        for (SealedEvent event : events) {
            if (event.leafIndex() != last + 1 + run.size()) {
                log.warn("Leaf {} of tenant {} is not where the log continues; it waits for the next pass",
                        event.leafIndex(), event.tenantId());
                break;
            }
            run.add(event);
        }
        return run;
    }

    /** The receiver's HTTP status, 0 when it did not answer (refused, reset, timed out, TLS failed). */
    private record Answer(int status, String description) {
    }

    private Answer post(Sink sink, String tenantId, List<SealedEvent> batch, long first, long end, HttpClient http)
            throws InterruptedException {
        String body = sink.format().render(batch);
        HttpRequest request = HttpRequest.newBuilder(sink.url())
                .timeout(properties.requestTimeout())
                .header("Content-Type", sink.format().contentType())
                .header("User-Agent", "biometric-core/" + CefFormat.VERSION)
                .header(WebhookSignature.HEADER,
                        WebhookSignature.header(sink.secret(), clock.instant().getEpochSecond(), body))
                .header(DELIVERY_HEADER, sink.name() + ":" + tenantId + ":" + first + "-" + end)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Answer(status, "HTTP " + status);
        } catch (IOException e) {
            return new Answer(0, "no answer: " + e);
        }
    }
}
