package io.biometriccore.credentials;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The device a credential lives on, as a customer and the bank's support staff see it.
 *
 * @param name     from the authenticator's AAGUID when known, else from the browser's user agent
 * @param platform the operating system family the registration came from
 * @param status   the status of the device's credential
 */
public record Device(UUID id, String tenantId, UUID customerId, String name, Platform platform,
        CredentialStatus status, Instant createdAt, @Nullable Instant lastUsedAt) {

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
