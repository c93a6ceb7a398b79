package io.biometriccore.appintegrity;

import java.util.Objects;
import java.util.UUID;

/**
 * The device an attestation is of, as the caller established it: the customer's own device, whose
 * session the request came on.
 */
public record AttestingDevice(String tenantId, UUID customerId, UUID deviceId) {

    public AttestingDevice {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
