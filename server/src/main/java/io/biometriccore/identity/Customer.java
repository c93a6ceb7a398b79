package io.biometriccore.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A customer of one tenant.
 *
 * @param id          our internal id
 * @param tenantId    the owning tenant
 * @param userHandle  WebAuthn {@code user.id} (§5.4.3): 32 random bytes, opaque, never personal data
 * @param username    WebAuthn {@code user.name}: what the customer types for username-first sign-in
 * @param displayName WebAuthn {@code user.displayName}
 * @param externalId  the bank's own customer id, when the bank gave one
 */
public record Customer(UUID id, String tenantId, UserHandle userHandle, String username, String displayName,
        @Nullable String externalId, Instant createdAt) {

    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(createdAt, "createdAt");
        username = CustomerNames.requireValid(username, "username");
        displayName = CustomerNames.requireValid(displayName, "displayName");
    }
}
