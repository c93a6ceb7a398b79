package io.biometriccore.credentials;

import io.biometriccore.appintegrity.VerifiedPosture;
import java.time.Instant;
import java.util.Objects;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A device as its customer and the bank's support staff see it.
 *
 * @param name              the customer's label for it; starts as the authenticator or browser name
 * @param authenticatorName the product, from the AAGUID, when it is a known one
 * @param backupEligible    BE: the passkey can be synced to other devices
 * @param backupState       BS: the passkey is synced now
 * @param keyProtection     what the model's FIDO metadata said of its keys at registration (ADR 0042)
 * @param attachmentHint    the model's attachmentHint values from its metadata, lower case, sorted; empty when unknown
 * @param appIntegrity      what the bank's app last proved of the device by attestation (ADR 0048); null while
 *                          none verified
 */
public record DeviceDetails(UUID id, UUID customerId, String name, @Nullable String authenticatorName, UUID aaguid,
        Platform platform, CredentialStatus status, boolean backupEligible, boolean backupState,
        AttestationTrust attestationTrust, KeyProtection keyProtection, List<String> attachmentHint, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable VerifiedPosture appIntegrity) {

    public DeviceDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(aaguid, "aaguid");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(attestationTrust, "attestationTrust");
        Objects.requireNonNull(keyProtection, "keyProtection");
        attachmentHint = Objects.requireNonNull(attachmentHint, "attachmentHint").stream().sorted().distinct().toList();
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
