package io.biometriccore.keys;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The public half of a signing key and its lifecycle.
 *
 * @param publishedUntil for a retired key, when it leaves the JWKS and stops verifying
 */
public record PublishedKey(String kid, String tenantId, KeyPurpose purpose, KeyStatus status, ECKey publicJwk,
        Instant createdAt, @Nullable Instant retiredAt, @Nullable Instant publishedUntil) {

    public PublishedKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(createdAt, "createdAt");
        if (publicJwk.isPrivate()) {
            throw new IllegalArgumentException("a published key must not hold private material");
        }
    }

    /** Whether tokens signed with this key verify at {@code now}. */
    public boolean verifiesAt(Instant now) {
        return status == KeyStatus.ACTIVE || (publishedUntil != null && now.isBefore(publishedUntil));
    }
}
