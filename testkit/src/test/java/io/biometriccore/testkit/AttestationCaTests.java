package io.biometriccore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.webauthn4j.data.attestation.statement.AttestationCertificate;
import io.biometriccore.testkit.AttestationCa.AttestationKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationCaTests {

    private static final String AAGUID_EXTENSION = "1.3.6.1.4.1.45724.1.1.4";
    private static final UUID AAGUID = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    private final AttestationCa ca = AttestationCa.generate("Testkit CA");

    @Test
    void rootIsASelfSignedCaCertificate() throws GeneralSecurityException {
        X509Certificate root = ca.root();

        assertThat(root.getBasicConstraints()).isNotNegative();
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        assertThatCode(() -> root.verify(root.getPublicKey())).doesNotThrowAnyException();
        assertThat(root.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void attestationCertificateMeetsThePackedCertificateRequirements() {
        X509Certificate certificate = ca.issue(AAGUID).certificate();
        var attestationCertificate = new AttestationCertificate(certificate);

        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(attestationCertificate.getSubjectCountry()).isEqualTo("DE");
        assertThat(attestationCertificate.getSubjectOrganization()).isEqualTo("Testkit CA");
        assertThat(attestationCertificate.getSubjectOrganizationUnit()).isEqualTo("Authenticator Attestation");
        assertThat(attestationCertificate.getSubjectCommonName()).isEqualTo("Attestation " + AAGUID);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThatCode(attestationCertificate::validate).doesNotThrowAnyException();
    }

    @Test
    void attestationCertificateCarriesTheAaguidInANonCriticalExtension() throws IOException {
        X509Certificate certificate = ca.issue(AAGUID).certificate();

        byte[] extensionValue = certificate.getExtensionValue(AAGUID_EXTENSION);
        var aaguid = ASN1OctetString.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extensionValue));

        assertThat(certificate.getNonCriticalExtensionOIDs()).contains(AAGUID_EXTENSION);
        assertThat(aaguid.getOctets()).isEqualTo(bytes(AAGUID));
    }

    @Test
    void attestationCertificateIsIssuedByTheRootAndValidForAYearEitherSide() {
        Instant now = Instant.now();
        AttestationKey key = ca.issue(AAGUID);
        X509Certificate certificate = key.certificate();

        assertThatCode(() -> certificate.verify(ca.root().getPublicKey())).doesNotThrowAnyException();
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.root().getSubjectX500Principal());
        assertThat(certificate.getNotBefore().toInstant())
                .isBetween(now.minus(Duration.ofDays(366)), now.minus(Duration.ofDays(364)));
        assertThat(certificate.getNotAfter().toInstant())
                .isBetween(now.plus(Duration.ofDays(364)), now.plus(Duration.ofDays(366)));
        assertThat(key.aaguid()).isEqualTo(AAGUID);
    }

    @Test
    void aaguidIsNonZeroAndFixedByTheCaName() {
        assertThat(ca.aaguid()).isNotEqualTo(new UUID(0, 0));
        assertThat(AttestationCa.generate("Testkit CA").aaguid()).isEqualTo(ca.aaguid());
        assertThat(AttestationCa.generate("Other CA").aaguid()).isNotEqualTo(ca.aaguid());
    }

    @Test
    void rootPemIsWrittenUnderTheCaName(@TempDir Path directory) throws IOException, GeneralSecurityException {
        Path file = ca.writeRootPem(directory);

        assertThat(file).isEqualTo(directory.resolve("Testkit CA.pem"));
        assertThat(Files.readString(file)).startsWith("-----BEGIN CERTIFICATE-----");
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in)).isEqualTo(ca.root());
        }
    }

    private static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
