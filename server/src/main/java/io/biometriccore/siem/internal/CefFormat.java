package io.biometriccore.siem.internal;

import io.biometriccore.audit.SealedEvents.SealedEvent;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * ArcSight Common Event Format (CEF:0), one record per event:
 * {@code CEF:0|Biometric Core|biometric-core|<version>|<type>|<name>|<severity>|<extension>}. Header
 * fields escape {@code \} and {@code |} and turn line breaks into spaces; extension values escape
 * {@code \} and {@code =} and write line breaks as {@code \n} and {@code \r}, so that a record is
 * always one line. See docs/siem.md for the mapping of fields to extension keys.
 */
final class CefFormat {

    static final String VENDOR = "Biometric Core";
    static final String PRODUCT = "biometric-core";
    static final String VERSION = Objects.requireNonNullElse(CefFormat.class.getPackage().getImplementationVersion(),
            "dev");

    /** Events that indicate a compromised credential or token. */
    private static final Set<String> ALARMS = Set.of("token.reuse_detected", "device.clone_suspected");

    private CefFormat() {
    }

    static String line(SealedEvent e) {
        StringBuilder line = new StringBuilder("CEF:0|")
                .append(header(VENDOR)).append('|')
                .append(header(PRODUCT)).append('|')
                .append(header(VERSION)).append('|')
                .append(header(e.type())).append('|')
                .append(header(e.type().replace('.', ' ').replace('_', ' '))).append('|')
                .append(severity(e)).append('|');
        Map<String, @Nullable Object> extension = new LinkedHashMap<>();
        extension.put("rt", e.occurredAt().toEpochMilli());
        extension.put("cat", e.eventClass());
        extension.put("outcome", e.outcome());
        extension.put("reason", e.reason());
        extension.put("suser", e.actorId());
        extension.put("duser", e.customerId());
        extension.put("src", ipLiteral(e.ip()));
        extension.put("requestClientApplication", e.userAgent());
        extension.put("externalId", e.eventId());
        extension.put("cn1", e.leafIndex());
        extension.put("cn1Label", "leafIndex");
        extension.put("cs1", e.tenantId());
        extension.put("cs1Label", "tenantId");
        extension.put("cs2", e.correlationId());
        extension.put("cs2Label", "correlationId");
        extension.put("cs3", e.channel());
        extension.put("cs3Label", e.channel() == null ? null : "channel");
        extension.put("cs4", e.deviceId());
        extension.put("cs4Label", e.deviceId() == null ? null : "deviceId");
        extension.put("cs5", e.sessionId());
        extension.put("cs5Label", e.sessionId() == null ? null : "sessionId");
        extension.put("cs6", e.actorType());
        extension.put("cs6Label", "actorType");
        if (e.shredded()) {
            extension.put("flexString1", "shredded");
            extension.put("flexString1Label", "networkData");
        }
        String separator = "";
        for (Map.Entry<String, @Nullable Object> member : extension.entrySet()) {
            if (member.getValue() != null) {
                line.append(separator).append(member.getKey()).append('=').append(value(member.getValue().toString()));
                separator = " ";
            }
        }
        return line.toString();
    }

    /** 3 for a success, 6 for a failure, 9 for a sign of a compromised credential or token. */
    static int severity(SealedEvent e) {
        if (ALARMS.contains(e.type())) {
            return 9;
        }
        return e.outcome().equals("success") ? 3 : 6;
    }

    static String header(String field) {
        return field.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", " ").replace('\r', ' ')
                .replace('\n', ' ');
    }

    static String value(String field) {
        return field.replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r").replace("\n", "\\n");
    }

    /** CEF's {@code src} must be an IPv4 or IPv6 address; anything else is left out. */
    private static @Nullable String ipLiteral(@Nullable String ip) {
        if (ip == null) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(ip).getHostAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
