package io.biometriccore.metadata;

import java.util.Optional;
import java.util.UUID;

/**
 * The metadata statements of the BLOB in force. While no BLOB is in force (none ever loaded, or the
 * last good one past {@code nextUpdate} plus the grace) every lookup is empty, so nothing counts as
 * trusted from metadata: it never fails open.
 */
public interface AuthenticatorMetadata {

    /** The entry of a FIDO2 authenticator model, by its AAGUID. */
    Optional<MetadataEntry> findByAaguid(UUID aaguid);

    /**
     * The entry of a FIDO U2F model, by an attestationCertificateKeyIdentifier: the hex SHA-1 of the
     * attestation certificate's subjectPublicKey, lower case.
     */
    Optional<MetadataEntry> findByAttestationCertificateKeyIdentifier(String keyIdentifier);
}
