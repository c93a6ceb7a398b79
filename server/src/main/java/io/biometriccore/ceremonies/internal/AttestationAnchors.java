package io.biometriccore.ceremonies.internal;

import com.webauthn4j.anchor.TrustAnchorRepository;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.metadata.MetadataEntry;
import java.security.cert.TrustAnchor;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The trust anchors for one authenticator: the configured PEM anchors for it ({@link TrustAnchors}:
 * bound to its AAGUID, or unbound) and the {@code attestationRootCertificates} of its own MDS3 metadata
 * statement while a BLOB is in force. A root of one model never anchors another (docs/adr/0038).
 */
final class AttestationAnchors implements TrustAnchorRepository {

    private final TrustAnchors configured;
    private final AuthenticatorMetadata metadata;

    AttestationAnchors(TrustAnchors configured, AuthenticatorMetadata metadata) {
        this.configured = configured;
        this.metadata = metadata;
    }

    @Override
    public Set<TrustAnchor> find(AAGUID aaguid) {
        return union(configured.find(aaguid), metadata.findByAaguid(aaguid.getValue()));
    }

    @Override
    public Set<TrustAnchor> find(byte[] attestationCertificateKeyIdentifier) {
        return union(configured.find(attestationCertificateKeyIdentifier), metadata
                .findByAttestationCertificateKeyIdentifier(HexFormat.of().formatHex(attestationCertificateKeyIdentifier)));
    }

    private static Set<TrustAnchor> union(Set<TrustAnchor> anchors, Optional<MetadataEntry> entry) {
        Set<TrustAnchor> all = new HashSet<>(anchors);
        entry.ifPresent(e -> e.attestationRootCertificates().forEach(root -> all.add(new TrustAnchor(root, null))));
        return Set.copyOf(all);
    }
}
