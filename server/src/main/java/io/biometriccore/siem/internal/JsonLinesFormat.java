package io.biometriccore.siem.internal;

import io.biometriccore.audit.SealedEvents.SealedEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON lines format: one object per event, members in a fixed order, absent values left out.
 * {@code shredded: true} replaces {@code ip} and {@code userAgent} once their data key is destroyed.
 */
final class JsonLinesFormat {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonLinesFormat() {
    }

    static String line(SealedEvent e) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("eventId", e.eventId());
        members.put("leafIndex", e.leafIndex());
        members.put("tenantId", e.tenantId());
        members.put("time", e.occurredAt().toString());
        members.put("type", e.type());
        members.put("class", e.eventClass());
        members.put("outcome", e.outcome());
        put(members, "reason", e.reason());
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("type", e.actorType());
        put(actor, "id", e.actorId());
        members.put("actor", actor);
        put(members, "customerId", e.customerId());
        put(members, "deviceId", e.deviceId());
        put(members, "credentialId", e.credentialId());
        put(members, "sessionId", e.sessionId());
        put(members, "channel", e.channel());
        members.put("correlationId", e.correlationId());
        put(members, "ip", e.ip());
        put(members, "userAgent", e.userAgent());
        if (e.shredded()) {
            members.put("shredded", true);
        }
        if (e.lastOccurredAt() != null) {
            members.put("occurrences", e.occurrences());
            members.put("lastTime", e.lastOccurredAt().toString());
        }
        return JSON.writeValueAsString(members);
    }

    private static void put(Map<String, Object> members, String name, @Nullable Object value) {
        if (value != null) {
            members.put(name, value.toString());
        }
    }
}
