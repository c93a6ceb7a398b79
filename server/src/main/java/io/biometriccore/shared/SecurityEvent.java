package io.biometriccore.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A security-relevant fact, published by the module where it happens and written to the audit log
 * by the audit module. A success is published inside the transaction of the action and is written in
 * it, so the action and its event commit or roll back together; a failure is written on its own,
 * because there is no action to commit with it, and mostly in aggregate: counted per tenant, type,
 * reason and customer, one event per window (docs/adr/0025). Publish every failure all the same;
 * other listeners (rate limits) count them one by one.
 *
 * @param reason   the problem code of a failure, or a short reason for a change
 * @param personal personal fields (names), encrypted at rest and shreddable; IP and user agent come
 *                 from the {@link RequestContext}
 */
public record SecurityEvent(String tenantId, SecurityEventType type, boolean success, @Nullable String reason,
        @Nullable UUID customerId, @Nullable UUID deviceId, @Nullable String credentialId, @Nullable UUID sessionId,
        @Nullable String channel, Map<String, String> personal) {

    /**
     * The tenant id of a failure that belongs to no bank, such as a wrong admin key. It cannot be a
     * tenant's id (those are slugs), so such failures reach the operations log, not a tenant's audit log.
     */
    public static final String NO_TENANT = "_operations";

    public SecurityEvent {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(type, "type");
        personal = Map.copyOf(personal);
    }

    public static Builder success(String tenantId, SecurityEventType type) {
        return new Builder(tenantId, type, true, null);
    }

    public static Builder failure(String tenantId, SecurityEventType type, String reason) {
        return new Builder(tenantId, type, false, reason);
    }

    /** Builds an event; every member but tenant, type and outcome is optional. */
    public static final class Builder {
        private final String tenantId;
        private final SecurityEventType type;
        private final boolean success;
        private @Nullable String reason;
        private @Nullable UUID customerId;
        private @Nullable UUID deviceId;
        private @Nullable String credentialId;
        private @Nullable UUID sessionId;
        private @Nullable String channel;
        private final Map<String, String> personal = new LinkedHashMap<>();

        private Builder(String tenantId, SecurityEventType type, boolean success, @Nullable String reason) {
            this.tenantId = tenantId;
            this.type = type;
            this.success = success;
            this.reason = reason;
        }

        public Builder reason(@Nullable String value) {
            reason = value;
            return this;
        }

        public Builder customer(@Nullable UUID value) {
            customerId = value;
            return this;
        }

        public Builder device(@Nullable UUID value) {
            deviceId = value;
            return this;
        }

        public Builder credential(@Nullable String base64UrlId) {
            credentialId = base64UrlId;
            return this;
        }

        public Builder session(@Nullable UUID value) {
            sessionId = value;
            return this;
        }

        public Builder channel(@Nullable String value) {
            channel = value;
            return this;
        }

        public Builder personal(String name, @Nullable String value) {
            if (value != null) {
                personal.put(name, value);
            }
            return this;
        }

        public SecurityEvent build() {
            return new SecurityEvent(tenantId, type, success, reason, customerId, deviceId, credentialId, sessionId,
                    channel, personal);
        }
    }
}
