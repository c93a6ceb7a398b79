package io.biometriccore.siem.internal;

import io.biometriccore.audit.SealedEvents.SealedEvent;
import io.biometriccore.shared.SecurityEventType;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
        if (e.lastOccurredAt() != null) {
            // An aggregate of failed checks (ADR 0025): CEF's own count and first/last times.
            extension.put("cnt", e.occurrences());
            extension.put("start", e.occurredAt().toEpochMilli());
            extension.put("end", e.lastOccurredAt().toEpochMilli());
        }
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
        if (SecurityEventType.fromWire(e.type()).filter(CefFormat::alarming).isPresent()) {
            return 9;
        }
        return e.outcome().equals("success") ? 3 : 6;
    }

    /**
     * Whether events of a type indicate a compromised credential or token. Every type is decided here,
     * with no default, so that a new one cannot be filed under its outcome by omission.
     */
    private static boolean alarming(SecurityEventType type) {
        return switch (type) {
            case TOKEN_REUSE_DETECTED, DEVICE_CLONE_SUSPECTED, DPOP_PROOF_REPLAYED, CREDENTIAL_FLAGGED -> true;
            case REGISTRATION_SUCCEEDED, REGISTRATION_FAILED, AUTHENTICATION_SUCCEEDED, AUTHENTICATION_FAILED,
                    TOKEN_ISSUED, TOKEN_REFRESHED, TOKEN_REVOKED, DEVICE_RENAMED, DEVICE_SUSPENDED, DEVICE_RESUMED,
                    DEVICE_REVOKED, ENROLLMENT_GRANT_ISSUED, ENROLLMENT_GRANT_USED, API_KEY_CREATED, API_KEY_USED,
                    API_KEY_REVOKED, TENANT_CREATED, TENANT_CHANGED, POLICY_CHANGED, POLICY_DRY_RUN, SIGNING_KEY_ROTATED, CUSTOMER_CREATED,
                    CUSTOMER_DELETED, CROSS_CHANNEL_APPROVED, CROSS_CHANNEL_CODE_MISMATCH, CROSS_CHANNEL_BURNED,
                    AUDIT_EXPORTED, AUDIT_SEARCHED, WEBHOOK_CONFIGURED, WEBHOOK_REMOVED, WEBHOOK_SECRET_ROTATED,
                    RISK_ENGINE_CONFIGURED, RISK_ENGINE_REMOVED,
                    RISK_CONTEXT_KEY_ADDED, RISK_CONTEXT_KEY_REMOVED, TENANT_APPS_CHANGED,
                    APP_INTEGRITY_ATTESTED, APP_INTEGRITY_ATTESTATION_FAILED, APP_INTEGRITY_ASSERTED,
                    APP_INTEGRITY_ASSERTION_FAILED,
                    MDS_BLOB_LOADED, MDS_BLOB_REJECTED, CREDENTIAL_FLAG_APPLIED, RISK_ASSESSED,
                    ADMIN_KEY_REJECTED, API_KEY_REJECTED, ACCESS_TOKEN_REJECTED,
                    REFRESH_TOKEN_REJECTED, POLL_SECRET_REJECTED, DPOP_PROOF_REJECTED, ENROLLMENT_GRANT_REJECTED, RATE_LIMIT_EXCEEDED,
                    TRANSACTION_REGISTERED, TRANSACTION_APPROVED, TRANSACTION_DECLINED, TRANSACTION_EXPIRED,
                    TRANSACTION_CANCELLED, TRANSACTION_APPROVAL_FAILED, TRANSACTION_LEGAL_HOLD_CHANGED -> false;
        };
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
