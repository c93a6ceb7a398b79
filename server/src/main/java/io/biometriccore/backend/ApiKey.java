package io.biometriccore.backend;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A tenant API key, without its secret. The {@code id} is also the key's visible prefix
 * ({@code bck_<id>_...}), so a leaked key can be traced to its record and revoked.
 */
public record ApiKey(String id, String tenantId, String name, Set<Scope> scopes, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
