package io.biometriccore.appintegrity.internal;

import com.webauthn4j.anchor.TrustAnchorRepository;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import java.security.cert.TrustAnchor;
import java.util.Set;

final class TrustAnchorRepositories {

    private TrustAnchorRepositories() {
    }

    /** The same anchors whatever the aaguid: App Attest has one root for both of its environments. */
    static TrustAnchorRepository always(Set<TrustAnchor> anchors) {
        return new TrustAnchorRepository() {
            @Override public Set<TrustAnchor> find(AAGUID aaguid) {
                return anchors;
            }

            @Override public Set<TrustAnchor> find(byte[] attestationCertificateKeyIdentifier) {
                return anchors;
            }
        };
    }
}
