package io.biometriccore.appintegrity.internal;

import static io.biometriccore.appintegrity.internal.AppAttestVerifierTests.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.biometriccore.appintegrity.AppAttested;
import io.biometriccore.appintegrity.AppleApp;
import io.biometriccore.appintegrity.AttestationRejection;
import io.biometriccore.appintegrity.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platforms' roots the server ships, and a real Apple attestation verified against Apple's. */
class ShippedRootsTests {

    private static final AppleApp KAYAK = new AppleApp("8YE23NZS57", "com.kayak.travel", false);
    private static final byte[] KEY_ID = Base64.getDecoder().decode("VnfqjSp0rWyyqNhrfh+9/IhLIvXuYTPAmJEVQwl4dko=");
    private static final byte[] CHALLENGE = "1234567890abcdefgh".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    private static X509Certificate appleRoot() {
        return AppIntegrityConfiguration.certificates(null, AppIntegrityConfiguration.APPLE_ROOT).getFirst();
    }

    @Test
    void shippedAppleRootIsTheAppAttestationRootCa() {
        assertThat(appleRoot().getSubjectX500Principal().getName())
                .isEqualTo("ST=California,O=Apple Inc.,CN=Apple App Attestation Root CA");
        assertThat(HexFormat.of().formatHex(Digests.sha256(encoded(appleRoot()))))
                .isEqualTo("1cb9823ba28ba6ad2d33a006941de2ae4f513ef1d4e831b9f7e0fa7b6242c932");
    }

    @Test
    void shippedAndroidRootsAreGooglesRsaAndEcRoots() {
        List<X509Certificate> roots = AppIntegrityConfiguration.certificates(null, AppIntegrityConfiguration.ANDROID_ROOTS);

        assertThat(roots).extracting(root -> X500Name.getInstance(root.getSubjectX500Principal().getEncoded()).toString())
                .containsExactly("SERIALNUMBER=f92009e853b6b045", "CN=Key Attestation CA1,OU=Android,O=Google LLC,C=US");
        assertThat(roots.getFirst().getSerialNumber().toString(16)).isEqualTo("f1c172a699eaf51d");
        assertThat(roots.getFirst().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(roots.getLast().getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void shippedAppleRootVerifiesARealAttestationAndAssertionAtTheirTime() throws IOException {
        var verifier = new AppAttestVerifier(appleRoot(), Clock.fixed(Instant.parse("2020-09-28T00:00:00Z"), ZoneOffset.UTC));

        var attestation = verifier.verifyAttestation(KAYAK, KEY_ID, sample("apple-sample-attestation.b64"), CHALLENGE);

        assertThat(attestation).isInstanceOf(Verification.Verified.class);
        AppAttested attested = ((Verification.Verified<AppAttested>) attestation).value();
        assertThat(verifier.verifyAssertion(KAYAK, attested.key(), 0, sample("apple-sample-assertion.b64"), CHALLENGE))
                .isEqualTo(Verification.verified(1L));
    }

    @Test
    void rejectsTheRealAttestationOnceItsCertificateHasExpired() throws IOException {
        var verifier = new AppAttestVerifier(appleRoot(), Clock.systemUTC());

        assertRejected(verifier.verifyAttestation(KAYAK, KEY_ID, sample("apple-sample-attestation.b64"), CHALLENGE),
                AttestationRejection.CHAIN_UNTRUSTED);
    }

    @Test
    void aConfiguredRootFileReplacesTheShippedOne() throws IOException {
        X509Certificate own = TestPki.root("Own root").certificate();
        Path file = Files.write(directory.resolve("root.der"), encoded(own));

        assertThat(AppIntegrityConfiguration.certificates(file, AppIntegrityConfiguration.APPLE_ROOT)).containsExactly(own);
    }

    @Test
    void refusesToStartWithAStatusListItCannotRead() throws IOException {
        Path file = Files.writeString(directory.resolve("status.json"), "{\"no entries\": {}}");

        assertThatIllegalArgumentException().isThrownBy(() -> new AttestationStatusList(file));
        assertThatIllegalArgumentException().isThrownBy(() -> new AttestationStatusList(directory.resolve("missing.json")));
    }

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = ShippedRootsTests.class.getResourceAsStream("/io/biometriccore/appintegrity/" + name)) {
            return Base64.getMimeDecoder().decode(in.readAllBytes());
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
