package io.biometriccore.appintegrity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Android key attestations for tests outside this package (NoScanIT): a root of the test's own, written
 * as the PEM file {@code biometric.app-integrity.android-roots} names, and valid chains from it for the
 * package {@code com.bank.app}.
 */
public final class TestKeyAttestations {

    public static final String PACKAGE = "com.bank.app";

    private final TestPki.Issued root;

    private TestKeyAttestations(TestPki.Issued root) {
        this.root = root;
    }

    public static TestKeyAttestations generate(String name) {
        return new TestKeyAttestations(TestPki.root(name));
    }

    /** The app's one signing certificate digest, hex, as the tenant's apps list it. */
    public static String signingDigest() {
        return HexFormat.of().formatHex(KeyAttestationFixture.SIGNING_DIGEST);
    }

    public String writeRootPem(Path directory) {
        return pem(directory, "android-roots.pem", root.certificate());
    }

    /** A TEE key of {@link #PACKAGE} on a locked, verified phone, attested over {@code challenge}; DER, leaf first. */
    public List<byte[]> chain(byte[] challenge) {
        return KeyAttestationFixture.valid(root, challenge).chain();
    }

    /** {@code certificate} as a PEM file {@code name} in {@code directory}; answers its path. */
    static String pem(Path directory, String name, X509Certificate certificate) {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return Files.writeString(directory.resolve(name), pem).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
