package io.biometriccore.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX500NameUtil;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority for packed attestation (WebAuthn L3 §8.2): an EC P-256 self-signed
 * root that issues attestation certificates meeting §8.2.1. Give the server its root (see
 * {@link #writeRootPem}) and the attestations it issues are trusted; leave it out and they are not.
 *
 * <p>Each CA has a fixed AAGUID derived from its name, which {@link SoftwareAuthenticator#create(
 * SoftwareAuthenticator.KeyType, AttestationCa)} puts in the certificate and the credential alike.
 */
public final class AttestationCa {

    /** id-fido-gen-ce-aaguid: the AAGUID of the authenticator model a certificate attests. */
    private static final ASN1ObjectIdentifier ID_FIDO_GEN_CE_AAGUID =
            new ASN1ObjectIdentifier("1.3.6.1.4.1.45724.1.1.4");
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Duration VALIDITY_MARGIN = Duration.ofDays(365);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();

    private final String name;
    private final UUID aaguid;
    private final PrivateKey rootKey;
    private final X509Certificate root;

    private AttestationCa(String name, UUID aaguid, PrivateKey rootKey, X509Certificate root) {
        this.name = name;
        this.aaguid = aaguid;
        this.rootKey = rootKey;
        this.root = root;
    }

    /** A new CA with a fresh root key; {@code name} is the subject's O and the root PEM's file name. */
    public static AttestationCa generate(String name) {
        Objects.requireNonNull(name, "name");
        KeyPair rootKeyPair = generateEcKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "DE")
                .addRDN(BCStyle.O, name)
                .addRDN(BCStyle.CN, "Attestation Root CA")
                .build();
        X509v3CertificateBuilder builder = certificateBuilder(subject, subject, rootKeyPair);
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(true));
        addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate root = sign(builder, rootKeyPair.getPrivate());
        UUID aaguid = UUID.nameUUIDFromBytes(("biometric-core-testkit/" + name).getBytes(StandardCharsets.UTF_8));
        return new AttestationCa(name, aaguid, rootKeyPair.getPrivate(), root);
    }

    /** The self-signed root, the trust anchor for everything this CA issues. */
    public X509Certificate root() {
        return root;
    }

    /** The AAGUID this CA's authenticators report; never the zero AAGUID. */
    public UUID aaguid() {
        return aaguid;
    }

    /**
     * Writes the root as {@code <name>.pem} into {@code directory}, replacing any such file, so the
     * directory can serve as {@code biometric.attestation.trust-anchors-dir}. Returns the file.
     */
    public Path writeRootPem(Path directory) {
        Path file = directory.resolve(name + ".pem");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the root certificate to " + file, e);
        }
        return file;
    }

    /**
     * A fresh EC P-256 attestation key and its certificate (§8.2.1: version 3; subject C, O, OU
     * "Authenticator Attestation" and CN; not a CA; {@code aaguid} in the non-critical
     * id-fido-gen-ce-aaguid extension), valid from a year ago to a year from now.
     */
    public AttestationKey issue(UUID aaguid) {
        Objects.requireNonNull(aaguid, "aaguid");
        KeyPair keyPair = generateEcKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "DE")
                .addRDN(BCStyle.O, name)
                .addRDN(BCStyle.OU, "Authenticator Attestation")
                .addRDN(BCStyle.CN, "Attestation " + aaguid)
                .build();
        X509v3CertificateBuilder builder = certificateBuilder(JcaX500NameUtil.getSubject(root), subject, keyPair);
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        addExtension(builder, ID_FIDO_GEN_CE_AAGUID, false, new DEROctetString(bytes(aaguid)));
        return new AttestationKey(aaguid, keyPair.getPrivate(), sign(builder, rootKey));
    }

    /**
     * An attestation private key with the certificate that binds its public key to an AAGUID.
     *
     * @param aaguid the AAGUID in the certificate's id-fido-gen-ce-aaguid extension
     * @param privateKey signs the attestation statement (ES256)
     * @param certificate the attestation certificate, issued by the CA's root
     */
    public record AttestationKey(UUID aaguid, PrivateKey privateKey, X509Certificate certificate) {

        public AttestationKey {
            Objects.requireNonNull(aaguid, "aaguid");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    private static X509v3CertificateBuilder certificateBuilder(X500Name issuer, X500Name subject, KeyPair keyPair) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(VALIDITY_MARGIN)), Date.from(now.plus(VALIDITY_MARGIN)), subject,
                keyPair.getPublic());
    }

    private static void addExtension(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
            ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return CERTIFICATES.getCertificate(builder.build(
                    new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generateEcKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
