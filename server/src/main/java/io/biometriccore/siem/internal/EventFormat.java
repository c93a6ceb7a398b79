package io.biometriccore.siem.internal;

import io.biometriccore.audit.SealedEvents.SealedEvent;
import java.util.List;
import java.util.function.Function;

/** How a batch of events is written into one request body: one line per event, each ending in a newline. */
public enum EventFormat {

    /** One JSON object per line ({@code application/x-ndjson}). */
    JSONL("application/x-ndjson", JsonLinesFormat::line),

    /** ArcSight Common Event Format, one {@code CEF:0|...} record per line. */
    CEF("text/plain; charset=utf-8", CefFormat::line);

    private final String contentType;
    private final Function<SealedEvent, String> line;

    EventFormat(String contentType, Function<SealedEvent, String> line) {
        this.contentType = contentType;
        this.line = line;
    }

    public String contentType() {
        return contentType;
    }

    public String render(List<SealedEvent> events) {
        StringBuilder body = new StringBuilder();
        for (SealedEvent event : events) {
            body.append(line.apply(event)).append('\n');
        }
        return body.toString();
    }
}
