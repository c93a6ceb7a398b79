package io.biometriccore.ceremonies.internal;

import com.webauthn4j.anchor.TrustAnchorRepository;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Attestation root certificates, loaded from PEM files ({@code *.pem}, {@code *.crt}) in a directory.
 * Every anchor is offered for every authenticator; FIDO MDS3 will add per-AAGUID anchors.
 */
public final class TrustAnchors implements TrustAnchorRepository {

    private final Set<TrustAnchor> anchors;

    public TrustAnchors(Set<X509Certificate> roots) {
        Set<TrustAnchor> set = new HashSet<>();
        roots.forEach(root -> set.add(new TrustAnchor(root, null)));
        this.anchors = Set.copyOf(set);
    }

    public static TrustAnchors fromDirectory(Path directory) {
        Set<X509Certificate> roots = new HashSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(TrustAnchors::isCertificateFile).toList()) {
                roots.addAll(readCertificates(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read attestation trust anchors from " + directory, e);
        }
        return new TrustAnchors(roots);
    }

    public static Set<X509Certificate> readCertificates(InputStream in) {
        try {
            Set<X509Certificate> certificates = new HashSet<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            factory.generateCertificates(in).forEach(c -> certificates.add((X509Certificate) c));
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Not a PEM or DER X.509 certificate", e);
        }
    }

    private static Set<X509Certificate> readCertificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readCertificates(in);
        }
    }

    private static boolean isCertificateFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".pem") || name.endsWith(".crt");
    }

    @Override
    public Set<TrustAnchor> find(AAGUID aaguid) {
        return anchors;
    }

    @Override
    public Set<TrustAnchor> find(byte[] attestationCertificateKeyIdentifier) {
        return anchors;
    }
}
