package io.biometriccore.appintegrity.internal;

import io.biometriccore.appintegrity.AttestationRejection;
import io.biometriccore.appintegrity.Verification;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The chain steps of Android key attestation: each link's signature, PKIX validation to the configured
 * hardware attestation roots at the given time (revocation through the {@link AttestationStatusList},
 * never CRLs or OCSP), and the rule that only the leaf carries a KeyDescription, so an intermediate's
 * cannot stand in for it.
 */
final class KeyAttestationChains {

    private final Set<TrustAnchor> roots;
    private final AttestationStatusList statusList;

    KeyAttestationChains(List<X509Certificate> roots, AttestationStatusList statusList) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("at least one Android attestation root is required");
        }
        this.roots = roots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toUnmodifiableSet());
        this.statusList = statusList;
    }

    /** Why {@code chain} (leaf first) is refused, or empty when it is trusted. */
    <T> Optional<Verification<T>> refusal(List<X509Certificate> chain, Instant at) {
        if (!CertificateChains.linksVerify(chain)
                || chain.stream().skip(1).anyMatch(certificate -> certificate.getExtensionValue(KeyDescription.OID) != null)) {
            return Optional.of(Verification.<T>rejected(AttestationRejection.ATTESTATION_TAMPERED, "chain links do not verify"));
        }
        Optional<String> untrusted = untrusted(chain, at);
        if (untrusted.isPresent()) {
            return Optional.of(Verification.<T>rejected(AttestationRejection.CHAIN_UNTRUSTED, untrusted.get()));
        }
        return statusList.firstRevoked(chain).map(revoked -> Verification.<T>rejected(
                AttestationRejection.CERTIFICATE_REVOKED, "serial " + revoked.getSerialNumber().toString(16)));
    }

    private Optional<String> untrusted(List<X509Certificate> chain, Instant at) {
        try {
            PKIXParameters parameters = new PKIXParameters(roots);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(withoutAnchor(chain)), parameters);
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.of("PKIX: " + e.getMessage());
        }
    }

    /** Devices send the root too; PKIX wants the path up to, not including, its trust anchor. */
    private List<X509Certificate> withoutAnchor(List<X509Certificate> chain) {
        X509Certificate last = chain.getLast();
        boolean anchored = chain.size() > 1 && roots.stream().anyMatch(root -> root.getTrustedCert().equals(last));
        return anchored ? chain.subList(0, chain.size() - 1) : chain;
    }
}
