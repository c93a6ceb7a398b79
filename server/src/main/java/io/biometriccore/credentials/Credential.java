package io.biometriccore.credentials;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A registered public key credential (§4 "Credential Record").
 *
 * @param credentialId    the credential ID, at most 1023 bytes
 * @param publicKeyCose   the credential public key, COSE_Key encoded, as the authenticator sent it
 * @param algorithm       its COSE algorithm identifier
 * @param signCount       the last signature counter seen
 * @param uvInitialized   whether UV was done at registration
 * @param backupEligible  the BE flag, fixed at registration
 * @param backupState     the last BS flag seen
 * @param flaggedStatus   the FIDO MDS3 status for which the credential was flagged (its model newly reported
 *                        with a status of the tenant's statusDeny), if it is flagged
 * @param keyProtection   what the model's metadata statement said of its keys at registration (ADR 0042)
 * @param attachmentHint  the statement's attachmentHint values, lower case; empty when unknown
 */
public record Credential(String tenantId, byte[] credentialId, UUID customerId, UUID deviceId, byte[] publicKeyCose,
        long algorithm, long signCount, UUID aaguid, Set<String> transports, boolean uvInitialized,
        boolean backupEligible, boolean backupState, String attestationFormat, AttestationTrust attestationTrust,
        CredentialStatus status, Instant createdAt, @Nullable String flaggedStatus, KeyProtection keyProtection,
        Set<String> attachmentHint) {

    public Credential {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(aaguid, "aaguid");
        Objects.requireNonNull(attestationFormat, "attestationFormat");
        Objects.requireNonNull(attestationTrust, "attestationTrust");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(keyProtection, "keyProtection");
        attachmentHint = Set.copyOf(Objects.requireNonNull(attachmentHint, "attachmentHint"));
        if (credentialId == null || credentialId.length == 0 || credentialId.length > 1023) {
            throw new IllegalArgumentException("credentialId must be 1 to 1023 bytes");
        }
        if (publicKeyCose == null || publicKeyCose.length == 0) {
            throw new IllegalArgumentException("publicKeyCose is required");
        }
        if (signCount < 0 || signCount > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("signCount must be an unsigned 32-bit value");
        }
        if (backupState && !backupEligible) {
            throw new IllegalArgumentException("backupState requires backupEligible");
        }
        credentialId = credentialId.clone();
        publicKeyCose = publicKeyCose.clone();
        transports = Set.copyOf(Objects.requireNonNull(transports, "transports"));
    }

    /** A credential that is not flagged, of a model whose keys' protection is not known. */
    public Credential(String tenantId, byte[] credentialId, UUID customerId, UUID deviceId, byte[] publicKeyCose,
            long algorithm, long signCount, UUID aaguid, Set<String> transports, boolean uvInitialized,
            boolean backupEligible, boolean backupState, String attestationFormat, AttestationTrust attestationTrust,
            CredentialStatus status, Instant createdAt) {
        this(tenantId, credentialId, customerId, deviceId, publicKeyCose, algorithm, signCount, aaguid, transports,
                uvInitialized, backupEligible, backupState, attestationFormat, attestationTrust, status, createdAt,
                null, KeyProtection.UNKNOWN, Set.of());
    }

    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    @Override
    public byte[] publicKeyCose() {
        return publicKeyCose.clone();
    }
}
