package io.biometriccore.audittools;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export format of one tenant's log, which the server writes and {@code audit verify --file}
 * reads: NDJSON, one JSON object per line, UTF-8. The first line is the header
 * {@code {"kind":"header","tenantId":…,"exportedAt":…}}; then every event
 * ({@code "kind":"event"} and every {@link AuditEntry} field under its component name), every leaf
 * ({@code "kind":"leaf","leafIndex","eventId","leafHash"}) and every signed tree head
 * ({@code "kind":"head","treeSize","rootHash","timestamp","jws"}), each kind in log order. Binary
 * values are base64url without padding, instants ISO-8601, absent values {@code null}.
 *
 * <p>The export carries what the hashes and signatures cover, so nothing in it needs to be trusted:
 * the verifier recomputes every leaf and checks every head against the audit public keys.
 */
public final class AuditExport {

    /** The export's media type. */
    public static final String MEDIA_TYPE = "application/x-ndjson";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private AuditExport() {
    }

    /** Writes {@code log} to {@code out}, which stays open (it is flushed). */
    public static void write(AuditSnapshot log, Instant exportedAt, OutputStream out) throws IOException {
        Lines lines = Lines.start(log.tenantId(), exportedAt, out);
        for (AuditEntry event : log.events()) {
            lines.event(event);
        }
        for (SealedLeaf leaf : log.leaves()) {
            lines.leaf(leaf);
        }
        for (TreeHead head : log.heads()) {
            lines.head(head);
        }
        lines.flush();
    }

    /**
     * An export written line by line, for a log too large to hold in memory: the caller writes the
     * header ({@link #start}), then every event, every leaf and every head, each kind in log order,
     * then {@link #flush}es. The output is the same as {@link #write}'s.
     */
    public static final class Lines {

        private final Writer writer;

        private Lines(Writer writer) {
            this.writer = writer;
        }

        /** Writes the header to {@code out}, which stays open. */
        public static Lines start(String tenantId, Instant exportedAt, OutputStream out) throws IOException {
            Lines lines = new Lines(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
            Map<String, @Nullable Object> header = new LinkedHashMap<>();
            header.put("kind", "header");
            header.put("tenantId", tenantId);
            header.put("exportedAt", exportedAt.toString());
            lines.line(header);
            return lines;
        }

        public void event(AuditEntry event) throws IOException {
            line(AuditExport.event(event));
        }

        public void leaf(SealedLeaf leaf) throws IOException {
            Map<String, @Nullable Object> members = new LinkedHashMap<>();
            members.put("kind", "leaf");
            members.put("leafIndex", leaf.leafIndex());
            members.put("eventId", leaf.eventId());
            members.put("leafHash", BASE64URL.encodeToString(leaf.leafHash()));
            line(members);
        }

        public void head(TreeHead head) throws IOException {
            Map<String, @Nullable Object> members = new LinkedHashMap<>();
            members.put("kind", "head");
            members.put("treeSize", head.treeSize());
            members.put("rootHash", BASE64URL.encodeToString(head.rootHash()));
            members.put("timestamp", head.timestamp().toString());
            members.put("jws", head.jws());
            line(members);
        }

        /** Flushes what is buffered to the stream, which stays open. */
        public void flush() throws IOException {
            writer.flush();
        }

        private void line(Map<String, @Nullable Object> members) throws IOException {
            writer.write(JSON.writeValueAsString(members));
            writer.write('\n');
        }
    }

    /**
     * Reads an export; blank lines are skipped, members other than the format's are ignored.
     *
     * @throws IllegalArgumentException when it is not an export: no header first, an unknown kind, a
     *                                  missing or mistyped member, two events with one id
     */
    public static AuditSnapshot read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String tenantId = null;
        List<AuditEntry> events = new ArrayList<>();
        Set<Long> eventIds = new HashSet<>();
        List<SealedLeaf> leaves = new ArrayList<>();
        List<TreeHead> heads = new ArrayList<>();
        int number = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            Line line = new Line(number, parse(number, text));
            String kind = line.text("kind");
            if (tenantId == null) {
                if (!"header".equals(kind)) {
                    throw new IllegalArgumentException("line " + number + ": the export must start with its header");
                }
                tenantId = line.text("tenantId");
                line.instant("exportedAt");
                continue;
            }
            switch (kind) {
                case "event" -> {
                    AuditEntry event = line.event();
                    if (!eventIds.add(event.id())) {
                        throw new IllegalArgumentException("line " + number + ": a second event with id " + event.id());
                    }
                    events.add(event);
                }
                case "leaf" -> leaves.add(new SealedLeaf(line.number("leafIndex"), line.number("eventId"),
                        line.binary("leafHash")));
                case "head" -> heads.add(new TreeHead(tenantId, line.number("treeSize"), line.binary("rootHash"),
                        line.instant("timestamp"), line.text("jws")));
                default -> throw new IllegalArgumentException("line " + number + ": unknown kind " + kind);
            }
        }
        if (tenantId == null) {
            throw new IllegalArgumentException("the export is empty: it has no header");
        }
        return new AuditSnapshot(tenantId, events, leaves, heads);
    }

    /**
     * One event as its export line gives it ({@code "kind":"event"}, its id and every field under its
     * component name), e.g. for an evidence bundle's {@code auditEvent}.
     */
    public static String eventJson(AuditEntry event) {
        return JSON.writeValueAsString(event(event));
    }

    /**
     * Reads one event object as an export line holds it (see {@link #eventJson}); {@code kind} and
     * members other than the format's are ignored.
     *
     * @throws IllegalArgumentException when a member is missing or mistyped, naming it
     */
    public static AuditEntry readEvent(JsonNode event) {
        if (!event.isObject()) {
            throw new IllegalArgumentException("the event is not a JSON object");
        }
        return new Line(0, event).event();
    }

    /**
     * The members of an event's line in the export, in its order: {@code "kind":"event"}, then every
     * {@link AuditEntry} field under its component name (absent values as null), for documents that
     * quote an event exactly as the export has it (a transaction's evidence bundle).
     */
    public static Map<String, @Nullable Object> eventLine(AuditEntry e) {
        return event(e);
    }

    private static Map<String, @Nullable Object> event(AuditEntry e) {
        Map<String, @Nullable Object> members = new LinkedHashMap<>();
        members.put("kind", "event");
        members.put("id", e.id());
        members.put("tenantId", e.tenantId());
        members.put("occurredAt", e.occurredAt().toString());
        members.put("eventType", e.eventType());
        members.put("eventClass", e.eventClass());
        members.put("outcome", e.outcome());
        members.put("reason", e.reason());
        members.put("actorType", e.actorType());
        members.put("actorId", e.actorId());
        members.put("customerId", text(e.customerId()));
        members.put("deviceId", text(e.deviceId()));
        members.put("credentialId", e.credentialId());
        members.put("sessionId", text(e.sessionId()));
        members.put("channel", e.channel());
        members.put("correlationId", e.correlationId());
        members.put("networkKeyId", text(e.networkKeyId()));
        members.put("networkData", binary(e.networkData()));
        members.put("personalKeyId", text(e.personalKeyId()));
        members.put("personalData", binary(e.personalData()));
        if (e.occurrences() != null) {
            members.put("occurrences", e.occurrences().count());
            members.put("lastOccurredAt", e.occurrences().lastAt().toString());
        }
        return members;
    }

    private static JsonNode parse(int number, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                throw new IllegalArgumentException("line " + number + ": not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("line " + number + ": not JSON", e);
        }
    }

    private static @Nullable String text(@Nullable UUID value) {
        return value == null ? null : value.toString();
    }

    private static @Nullable String binary(byte @Nullable [] value) {
        return value == null ? null : BASE64URL.encodeToString(value);
    }

    /** One parsed line, with typed access to its members that names the line when one is wrong. */
    private record Line(int number, JsonNode node) {

        AuditEntry event() {
            return new AuditEntry(number("id"), text("tenantId"), instant("occurredAt"), text("eventType"),
                    text("eventClass"), text("outcome"), optionalText("reason"), text("actorType"),
                    optionalText("actorId"), uuid("customerId"), uuid("deviceId"), optionalText("credentialId"),
                    uuid("sessionId"), optionalText("channel"), text("correlationId"), uuid("networkKeyId"),
                    optionalBinary("networkData"), uuid("personalKeyId"), optionalBinary("personalData"),
                    occurrences());
        }

        /** Present only on an aggregate of failed checks; absent in exports made before they existed. */
        AuditEntry.@Nullable Occurrences occurrences() {
            if (node.get("occurrences") == null) {
                return null;
            }
            long count = number("occurrences");
            if (count < 1 || count > Integer.MAX_VALUE) {
                throw wrong("occurrences", "is not a positive count");
            }
            return new AuditEntry.Occurrences((int) count, instant("lastOccurredAt"));
        }

        String text(String name) {
            String value = optionalText(name);
            if (value == null) {
                throw wrong(name, "is missing");
            }
            return value;
        }

        @Nullable String optionalText(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isString()) {
                throw wrong(name, "is not a string");
            }
            return value.stringValue();
        }

        long number(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
                throw wrong(name, "is not an integer");
            }
            return value.longValue();
        }

        Instant instant(String name) {
            try {
                return Instant.parse(text(name));
            } catch (DateTimeParseException e) {
                throw wrong(name, "is not an ISO-8601 instant");
            }
        }

        byte[] binary(String name) {
            byte[] value = optionalBinary(name);
            if (value == null) {
                throw wrong(name, "is missing");
            }
            return value;
        }

        byte @Nullable [] optionalBinary(String name) {
            String value = optionalText(name);
            try {
                return value == null ? null : BASE64URL_DECODER.decode(value);
            } catch (IllegalArgumentException e) {
                throw wrong(name, "is not base64url");
            }
        }

        @Nullable UUID uuid(String name) {
            String value = optionalText(name);
            try {
                return value == null ? null : UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw wrong(name, "is not a UUID");
            }
        }

        private IllegalArgumentException wrong(String name, String problem) {
            return new IllegalArgumentException((number > 0 ? "line " + number + ": " : "") + name + " " + problem);
        }
    }
}
