package io.biometriccore.appintegrity.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/** Test certificate authorities made in the test itself: EC P-256 roots, intermediates and leaves. */
final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key pair and the certificate issued to its public key. */
    record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private TestPki() {
    }

    static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issued root(String name) {
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=" + name);
        return new Issued(keys, sign(ca(builder(subject, subject, keys)), keys));
    }

    static Issued intermediate(Issued issuer, String name) {
        KeyPair keys = ecKeys();
        return new Issued(keys, sign(ca(builder(subjectOf(issuer), new X500Name("CN=" + name), keys)), issuer.keys()));
    }

    /** A leaf for {@code keys}, carrying {@code value} as the non-critical extension {@code oid}, signed by {@code signer}. */
    static X509Certificate leaf(Issued issuer, KeyPair keys, String oid, @Nullable ASN1Encodable value, KeyPair signer) {
        X509v3CertificateBuilder builder = builder(subjectOf(issuer), new X500Name("CN=attested key"), keys);
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (value != null) {
                builder.addExtension(new ASN1ObjectIdentifier(oid), false, value);
            }
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(builder, signer);
    }

    private static X500Name subjectOf(Issued issued) {
        return X500Name.getInstance(issued.certificate().getSubjectX500Principal().getEncoded());
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic());
    }

    private static X509v3CertificateBuilder ca(X509v3CertificateBuilder builder) {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return builder;
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
