package io.biometriccore.appintegrity.internal;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Certificate chains as attestations carry them: the attested key's certificate first, each signed by the next. */
final class CertificateChains {

    private CertificateChains() {
    }

    /** The certificates of {@code der}, or empty when one is not a DER X.509 certificate. */
    static Optional<List<X509Certificate>> parse(List<byte[]> der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>(der.size());
            for (byte[] certificate : der) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificate)));
            }
            return Optional.of(List.copyOf(chain));
        } catch (CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether each certificate is signed by the next one's key. A chain whose links do not verify has been
     * altered; one whose links verify but that ends at no trust anchor is merely untrusted.
     */
    static boolean linksVerify(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
        return true;
    }
}
