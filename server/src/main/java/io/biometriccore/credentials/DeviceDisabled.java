package io.biometriccore.credentials;

import java.util.Objects;
import java.util.UUID;

/**
 * A device was suspended, revoked or blocked as a suspected clone, in the publishing transaction: its
 * sessions must end with it. Listeners tell the three apart, so an active device may not pass for one.
 */
public record DeviceDisabled(String tenantId, UUID customerId, UUID deviceId, CredentialStatus status) {

    public DeviceDisabled {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(deviceId, "deviceId");
        if (status == CredentialStatus.ACTIVE) {
            throw new IllegalArgumentException("a disabled device is not active");
        }
    }
}
