package io.biometriccore.activity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One line of a customer's activity, in words a customer understands.
 *
 * @param id          the audit event's id
 * @param type        the audit event type, e.g. {@code token.issued}
 * @param outcome     {@code success} or {@code failure}
 * @param title       short, e.g. "Signed in"
 * @param description a sentence, e.g. "Signed in with iCloud Keychain in the app"
 * @param deviceName  the device's current name, else its name when the event was written
 * @param channel     {@code web} or {@code mobile}, for session events
 * @param ip          the client's address, until retention shreds it
 */
public record ActivityItem(long id, Instant occurredAt, String type, String outcome, String title,
        String description, @Nullable UUID deviceId, @Nullable String deviceName, @Nullable String channel,
        @Nullable String ip) {

    public ActivityItem {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
    }
}
