package io.biometriccore.credentials;

import java.util.UUID;

/** A device was suspended or revoked, in the publishing transaction: its sessions must end with it. */
public record DeviceDisabled(String tenantId, UUID customerId, UUID deviceId, CredentialStatus status) {
}
