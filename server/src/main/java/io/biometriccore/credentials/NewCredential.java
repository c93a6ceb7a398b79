package io.biometriccore.credentials;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a verified registration ceremony hands over for storage (§7.1 step 27).
 *
 * @param userAgent      the registering client's {@code User-Agent}, used only to name the device
 * @param keyProtection  what the model's metadata statement says of its keys (ADR 0042)
 * @param attachmentHint the statement's attachmentHint values, lower case; empty when unknown
 */
public record NewCredential(String tenantId, UUID customerId, byte[] credentialId, byte[] publicKeyCose,
        long algorithm, long signCount, UUID aaguid, Set<String> transports, boolean uvInitialized,
        boolean backupEligible, boolean backupState, String attestationFormat, AttestationTrust attestationTrust,
        @Nullable String userAgent, KeyProtection keyProtection, Set<String> attachmentHint) {

    public NewCredential {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(publicKeyCose, "publicKeyCose");
        Objects.requireNonNull(aaguid, "aaguid");
        transports = Set.copyOf(Objects.requireNonNull(transports, "transports"));
        Objects.requireNonNull(attestationFormat, "attestationFormat");
        Objects.requireNonNull(attestationTrust, "attestationTrust");
        Objects.requireNonNull(keyProtection, "keyProtection");
        attachmentHint = Set.copyOf(Objects.requireNonNull(attachmentHint, "attachmentHint"));
    }
}
