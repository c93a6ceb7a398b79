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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Attestation root certificates from PEM files ({@code *.pem}, {@code *.crt}) in a directory
 * ({@code biometric.attestation.trust-anchors-dir}). A file in a sub-directory named by an AAGUID
 * ({@code 2fc0579f-8113-47ea-b116-bb5a8db9202a/vendor.pem}) anchors that model only; a file at the top
 * anchors every model, as before AAGUIDs could be named, and is meant for roots a bank issues itself.
 * A sub-directory with another name stops the start-up rather than be ignored (docs/mds.md).
 */
public final class TrustAnchors implements TrustAnchorRepository {

    private final Set<TrustAnchor> unbound;
    private final Map<UUID, Set<TrustAnchor>> bound;

    /** Anchors of every model. */
    public TrustAnchors(Set<X509Certificate> roots) {
        this(roots, Map.of());
    }

    /** @param byAaguid anchors of one model each */
    public TrustAnchors(Set<X509Certificate> roots, Map<UUID, Set<X509Certificate>> byAaguid) {
        this.unbound = anchors(roots);
        Map<UUID, Set<TrustAnchor>> map = new HashMap<>();
        byAaguid.forEach((aaguid, certificates) -> map.put(aaguid, anchors(certificates)));
        this.bound = Map.copyOf(map);
    }

    public static TrustAnchors fromDirectory(Path directory) {
        Set<X509Certificate> roots = new HashSet<>();
        Map<UUID, Set<X509Certificate>> byAaguid = new HashMap<>();
        try {
            for (Path entry : list(directory)) {
                if (Files.isDirectory(entry)) {
                    Set<X509Certificate> model = new HashSet<>();
                    for (Path file : list(entry)) {
                        model.addAll(readCertificateFile(file));
                    }
                    byAaguid.put(aaguid(entry), model);
                } else {
                    roots.addAll(readCertificateFile(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read attestation trust anchors from " + directory, e);
        }
        return new TrustAnchors(roots, byAaguid);
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

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    private static UUID aaguid(Path subdirectory) {
        String name = subdirectory.getFileName().toString();
        try {
            UUID aaguid = UUID.fromString(name);
            if (!aaguid.toString().equals(name)) {
                throw new IllegalArgumentException(name);
            }
            return aaguid;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Trust anchor sub-directory '" + name
                    + "' is not an AAGUID in lower-case 8-4-4-4-12 form", e);
        }
    }

    private static Set<X509Certificate> readCertificateFile(Path file) throws IOException {
        if (!isCertificateFile(file)) {
            return Set.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readCertificates(in);
        }
    }

    private static boolean isCertificateFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".pem") || name.endsWith(".crt"));
    }

    private static Set<TrustAnchor> anchors(Set<X509Certificate> certificates) {
        Set<TrustAnchor> set = new HashSet<>();
        certificates.forEach(root -> set.add(new TrustAnchor(root, null)));
        return Set.copyOf(set);
    }

    @Override
    public Set<TrustAnchor> find(AAGUID aaguid) {
        Set<TrustAnchor> model = bound.getOrDefault(aaguid.getValue(), Set.of());
        if (model.isEmpty()) {
            return unbound;
        }
        Set<TrustAnchor> all = new HashSet<>(unbound);
        all.addAll(model);
        return Set.copyOf(all);
    }

    @Override
    public Set<TrustAnchor> find(byte[] attestationCertificateKeyIdentifier) {
        return unbound;
    }
}
