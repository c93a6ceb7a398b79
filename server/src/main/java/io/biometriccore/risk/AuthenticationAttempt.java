package io.biometriccore.risk;

import io.biometriccore.credentials.Credential;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cryptographically verified assertion, before the decision. Engines read it; they never change it.
 *
 * @param userVerified the UV flag of this assertion
 * @param backupState  the BS flag of this assertion
 */
public record AuthenticationAttempt(String tenantId, UUID customerId, Credential credential, boolean userVerified,
        boolean backupState, @Nullable String clientIp, @Nullable String userAgent) {

    public AuthenticationAttempt {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(credential, "credential");
    }
}
