package io.biometriccore.activity;

import io.biometriccore.audit.AuditEvents;
import io.biometriccore.audit.AuditEvents.Event;
import io.biometriccore.credentials.Credential;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.credentials.DeviceDetails;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One customer's activity in plain language, newest first, paginated by cursor. Only events whose
 * customer is the given one are read, so whoever calls this for a customer sees that customer's
 * events and no one else's; callers take the customer from the caller's credentials, never from
 * the request alone. Devices are named as the customer named them last; an event that names only a
 * credential (a failed sign-in) is shown with that credential's device. The IP is shown for the
 * customer's own requests only: for what the bank's backend did, it would be the bank's.
 */
@Service
public class ActivityHistory {

    private final AuditEvents auditEvents;
    private final Credentials credentials;

    ActivityHistory(AuditEvents auditEvents, Credentials credentials) {
        this.auditEvents = auditEvents;
        this.credentials = credentials;
    }

    /** The customer's devices: names by device, devices by base64url credential id. */
    private record Devices(Map<UUID, String> names, Map<String, UUID> byCredential) {
    }

    /**
     * @param cursor the previous page's {@code nextCursor}, or null for the newest events
     * @param limit  1 to 100, null for 20
     * @throws ApiException {@code invalid_request} for a bad cursor or limit
     */
    @Transactional(readOnly = true)
    public ActivityPage of(String tenantId, UUID customerId, @Nullable String cursor, @Nullable Integer limit) {
        AuditEvents.Page page = auditEvents.find(tenantId, AuditEvents.Filter.customer(customerId, PlainLanguage.TYPES),
                cursor, limit);
        Devices devices = new Devices(credentials.devices(tenantId, customerId).stream()
                .collect(Collectors.toMap(DeviceDetails::id, DeviceDetails::name)),
                credentials.listForCustomer(tenantId, customerId).stream()
                        .collect(Collectors.toMap(c -> Base64Url.encode(c.credentialId()), Credential::deviceId)));
        return new ActivityPage(page.items().stream().map(e -> item(e, devices)).toList(), page.nextCursor());
    }

    private static ActivityItem item(Event event, Devices devices) {
        UUID deviceId = event.deviceId() != null || event.credentialId() == null ? event.deviceId()
                : devices.byCredential().get(event.credentialId());
        String deviceName = deviceId == null ? null
                : devices.names().getOrDefault(deviceId, event.personal().get("deviceName"));
        PlainLanguage.Words words = PlainLanguage.describe(event, deviceId, deviceName);
        return new ActivityItem(event.id(), event.occurredAt(), event.type(), event.outcome(), words.title(),
                words.description(), deviceId, deviceName, event.channel(), fromTheCustomer(event) ? event.ip() : null);
    }

    /** A request of the customer's own (or of whoever presented their credential); not the bank's or an operator's. */
    private static boolean fromTheCustomer(Event event) {
        return event.actorType().equals("customer") || event.actorType().equals("anonymous");
    }
}
