package io.biometriccore.appintegrity;

import java.util.Arrays;
import java.util.Objects;

/**
 * An App Attest key once its attestation verified: what the device record keeps to verify the key's
 * later assertions. Its counter starts at zero; each assertion's counter is kept beside it.
 *
 * @param keyId                  the key identifier, SHA-256 of the public key
 * @param attestedCredentialData the attested credential data of the attestation (aaguid, key id, COSE key)
 * @param development            whether the key is of App Attest's development environment
 */
public record AppAttestKey(byte[] keyId, byte[] attestedCredentialData, boolean development) {

    public AppAttestKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(attestedCredentialData, "attestedCredentialData");
        if (keyId.length != 32) {
            throw new IllegalArgumentException("keyId must be 32 bytes");
        }
        keyId = keyId.clone();
        attestedCredentialData = attestedCredentialData.clone();
    }

    @Override public byte[] keyId() {
        return keyId.clone();
    }

    @Override public byte[] attestedCredentialData() {
        return attestedCredentialData.clone();
    }

    @Override public boolean equals(Object other) {
        return other instanceof AppAttestKey key && Arrays.equals(keyId, key.keyId)
                && Arrays.equals(attestedCredentialData, key.attestedCredentialData) && development == key.development;
    }

    @Override public int hashCode() {
        return Arrays.hashCode(keyId);
    }

    @Override public String toString() {
        return "AppAttestKey[development=" + development + "]";
    }
}
