package io.biometriccore.shared;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An outcome the bank's backend is told about through its tenant webhook, such as a transaction
 * approved by its customer. Published by the module where it happens, inside the transaction of the
 * action, like a {@link SecurityEvent}: the webhooks module writes it to its outbox in that same
 * transaction, so the action and its notification commit or roll back together, and delivers it at
 * least once after the commit.
 *
 * @param subject the id of what the notification is about (a transaction id); the bank looks it up
 * @param data    the notification's members, rendered as JSON; only what the bank registered or may
 *                read through its API, never a secret or credential material
 */
public record BankNotification(String tenantId, BankNotificationType type, String subject, Map<String, Object> data) {

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    public BankNotification {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        if (!SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("subject must be an id of 1 to 128 characters");
        }
        data = Map.copyOf(data);
    }
}
