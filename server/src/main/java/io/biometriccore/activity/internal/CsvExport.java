package io.biometriccore.activity.internal;

import io.biometriccore.audit.AuditEvents.Event;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audit events as CSV (RFC 4180): a header row, CRLF line ends, and a field in double quotes (quotes
 * doubled) when it holds a comma, quote or line break. A spreadsheet would run a cell that starts with
 * {@code = + - @}, a tab or a carriage return as a formula, so such a cell gets a leading {@code '}
 * (OWASP's CSV injection advice); a credential id that starts with {@code -} reads as {@code '-...}.
 * The personal fields are one cell of JSON.
 */
final class CsvExport {

    static final List<String> HEADER = List.of("id", "occurredAt", "type", "outcome", "reason", "actorType",
            "actorId", "customerId", "deviceId", "credentialId", "sessionId", "channel", "correlationId", "ip",
            "userAgent", "personal", "shredded", "occurrences", "lastOccurredAt");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CRLF = "\r\n";

    private CsvExport() {
    }

    static String of(List<Event> events) {
        return Stream.concat(Stream.of(HEADER), events.stream().map(CsvExport::row))
                .map(row -> row.stream().map(CsvExport::cell).collect(Collectors.joining(",")) + CRLF)
                .collect(Collectors.joining());
    }

    private static List<@Nullable String> row(Event e) {
        return Arrays.asList(Long.toString(e.id()), e.occurredAt().toString(), e.type(), e.outcome(),
                e.reason(), e.actorType(), e.actorId(), text(e.customerId()), text(e.deviceId()), e.credentialId(),
                text(e.sessionId()), e.channel(), e.correlationId(), e.ip(), e.userAgent(),
                e.personal().isEmpty() ? null : JSON.writeValueAsString(new TreeMap<>(e.personal())),
                Boolean.toString(e.shredded()), e.occurrences() == null ? null : e.occurrences().toString(),
                e.lastOccurredAt() == null ? null : e.lastOccurredAt().toString());
    }

    /** One field: formula-neutralised, then quoted if need be; null is an empty field. */
    static String cell(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')
                ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : Objects.toString(value);
    }
}
