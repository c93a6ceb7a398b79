package io.biometriccore.appintegrity.internal;

import static io.biometriccore.appintegrity.internal.AppAttestVerifierTests.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.biometriccore.appintegrity.AndroidApp;
import io.biometriccore.appintegrity.AppAttested;
import io.biometriccore.appintegrity.AppleApp;
import io.biometriccore.appintegrity.AttestationRejection;
import io.biometriccore.appintegrity.BootState;
import io.biometriccore.appintegrity.Platform;
import io.biometriccore.appintegrity.SecurityLevel;
import io.biometriccore.appintegrity.Verification;
import io.biometriccore.appintegrity.VerifiedPosture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platforms' roots the server ships, and real Apple and Pixel attestations verified against them. */
class ShippedRootsTests {

    private static final AppleApp KAYAK = new AppleApp("8YE23NZS57", "com.kayak.travel", false);
    private static final byte[] KEY_ID = Base64.getDecoder().decode("VnfqjSp0rWyyqNhrfh+9/IhLIvXuYTPAmJEVQwl4dko=");
    private static final byte[] CHALLENGE = "1234567890abcdefgh".getBytes(StandardCharsets.US_ASCII);
    /** The package and signing digest of the real Pixel attestations, Google's test app. */
    private static final AndroidApp GOOGLE_TEST_APP = new AndroidApp("com.google.android.attestation",
            Set.of("103938ee4537e59e8ee792f654504fb8346fc6b346d0bbc4415fc339fcfc8ec1"));

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
    void shippedGoogleRootsVerifyARealPixelAttestationAtItsTime() throws Exception {
        var result = androidVerifier("2026-02-24T01:00:00Z").verify(GOOGLE_TEST_APP, chain("pixel-9a-tee-verified.pem"),
                "6417f92c-daef-4cc1-8828-5bb39338ffd5".getBytes(StandardCharsets.US_ASCII), SecurityLevel.TEE);

        assertThat(result).isEqualTo(Verification.verified(new VerifiedPosture(Platform.ANDROID, SecurityLevel.TEE,
                BootState.VERIFIED, true, "com.google.android.attestation", 0L, 202602,
                Instant.parse("2026-02-24T01:00:00Z"))));
    }

    @Test
    void rejectsARealPixelAttestationWithAnUnlockedBootloader() throws Exception {
        AndroidApp collector = new AndroidApp("com.google.wireless.android.security.attestationverifier.collector",
                GOOGLE_TEST_APP.signingCertificateDigests());

        var result = androidVerifier("2024-09-26T23:00:00Z").verify(collector, chain("pixel-8a-tee-unlocked.pem"),
                "challenge".getBytes(StandardCharsets.US_ASCII), SecurityLevel.TEE);

        assertRejected(result, AttestationRejection.BOOT_STATE_UNVERIFIED);
    }

    @Test
    void rejectsARealPixelAttestationOnceItsIntermediateHasExpired() throws Exception {
        var result = androidVerifier("2026-12-01T00:00:00Z").verify(GOOGLE_TEST_APP, chain("pixel-9a-tee-verified.pem"),
                "6417f92c-daef-4cc1-8828-5bb39338ffd5".getBytes(StandardCharsets.US_ASCII), SecurityLevel.TEE);

        assertRejected(result, AttestationRejection.CHAIN_UNTRUSTED);
    }

    private static KeyAttestationVerifier androidVerifier(String at) {
        return new KeyAttestationVerifier(new KeyAttestationChains(
                AppIntegrityConfiguration.certificates(null, AppIntegrityConfiguration.ANDROID_ROOTS),
                new AttestationStatusList(null)), Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
    }

    private static List<byte[]> chain(String name) throws Exception {
        try (InputStream in = ShippedRootsTests.class.getResourceAsStream("/io/biometriccore/appintegrity/" + name)) {
            return KeyAttestationFixture.der(CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
        }
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
