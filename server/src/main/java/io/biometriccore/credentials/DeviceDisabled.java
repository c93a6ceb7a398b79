package io.biometriccore.credentials;

import java.util.Objects;
import java.util.UUID;

/**
 * A device was suspended or revoked, in the publishing transaction: its sessions must end with it.
 * Listeners tell the two apart, so no other status may pass for either.
 */
public record DeviceDisabled(String tenantId, UUID customerId, UUID deviceId, CredentialStatus status) {

    public DeviceDisabled {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(deviceId, "deviceId");
        if (status != CredentialStatus.SUSPENDED && status != CredentialStatus.REVOKED) {
            throw new IllegalArgumentException("a disabled device is suspended or revoked, not " + status);
        }
    }
}
