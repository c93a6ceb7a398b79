package io.biometriccore.appintegrity.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * An Android key attestation made in the test: a root and an intermediate of the test's own, and a leaf
 * whose KeyDescription (schema of https://source.android.com/docs/security/features/keystore/attestation)
 * is built with BouncyCastle's DER classes from the fields below. Each {@code with...} changes one.
 */
record KeyAttestationFixture(TestPki.Issued root, TestPki.Issued intermediate, byte[] challenge, int attestationLevel,
        int keyMintLevel, int bootState, boolean deviceLocked, String packageName, long versionCode, byte[] signingDigest,
        int osPatchLevel, boolean rootOfTrustInSoftwareList, KeyPair leafSigner) {

    static final byte[] SIGNING_DIGEST = Digests.sha256("the bank's signing certificate".getBytes(StandardCharsets.UTF_8));
    static final int SOFTWARE = 0;
    static final int TEE = 1;
    static final int STRONGBOX = 2;
    static final int VERIFIED = 0;
    static final int SELF_SIGNED = 1;

    static KeyAttestationFixture valid(TestPki.Issued root, byte[] challenge) {
        TestPki.Issued intermediate = TestPki.intermediate(root, "Test Android Attestation Intermediate");
        return new KeyAttestationFixture(root, intermediate, challenge, TEE, TEE, VERIFIED, true, "com.bank.app", 42,
                SIGNING_DIGEST, 202611, false, intermediate.keys());
    }

    KeyAttestationFixture withChallenge(byte[] other) {
        return new KeyAttestationFixture(root, intermediate, other, attestationLevel, keyMintLevel, bootState, deviceLocked,
                packageName, versionCode, signingDigest, osPatchLevel, rootOfTrustInSoftwareList, leafSigner);
    }

    KeyAttestationFixture withSecurityLevels(int attestation, int keyMint) {
        return new KeyAttestationFixture(root, intermediate, challenge, attestation, keyMint, bootState, deviceLocked,
                packageName, versionCode, signingDigest, osPatchLevel, attestation == SOFTWARE, leafSigner);
    }

    KeyAttestationFixture withBoot(int state, boolean locked) {
        return new KeyAttestationFixture(root, intermediate, challenge, attestationLevel, keyMintLevel, state, locked,
                packageName, versionCode, signingDigest, osPatchLevel, rootOfTrustInSoftwareList, leafSigner);
    }

    KeyAttestationFixture withApp(String otherPackage, byte[] otherDigest) {
        return new KeyAttestationFixture(root, intermediate, challenge, attestationLevel, keyMintLevel, bootState, deviceLocked,
                otherPackage, versionCode, otherDigest, osPatchLevel, rootOfTrustInSoftwareList, leafSigner);
    }

    /** The chain through {@code other}, an intermediate of the same root, which signs the leaf. */
    KeyAttestationFixture withIntermediate(TestPki.Issued other) {
        return new KeyAttestationFixture(root, other, challenge, attestationLevel, keyMintLevel, bootState, deviceLocked,
                packageName, versionCode, signingDigest, osPatchLevel, rootOfTrustInSoftwareList, other.keys());
    }

    /** The leaf signed by another key than the intermediate's: its link no longer verifies. */
    KeyAttestationFixture withLeafSignedBy(KeyPair signer) {
        return new KeyAttestationFixture(root, intermediate, challenge, attestationLevel, keyMintLevel, bootState, deviceLocked,
                packageName, versionCode, signingDigest, osPatchLevel, rootOfTrustInSoftwareList, signer);
    }

    X509Certificate leaf() {
        return TestPki.leaf(intermediate, TestPki.ecKeys(), KeyDescription.OID, keyDescription(), leafSigner);
    }

    /** Leaf, intermediate and root, DER, as a phone sends them. */
    List<byte[]> chain() {
        return der(leaf(), intermediate.certificate(), root.certificate());
    }

    static List<byte[]> der(X509Certificate... certificates) {
        try {
            byte[][] encoded = new byte[certificates.length][];
            for (int i = 0; i < certificates.length; i++) {
                encoded[i] = certificates[i].getEncoded();
            }
            return List.of(encoded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    DERSequence keyDescription() {
        DERTaggedObject rootOfTrust = new DERTaggedObject(true, 704, new DERSequence(new ASN1Encodable[] {
                new DEROctetString(new byte[32]), ASN1Boolean.getInstance(deviceLocked), new ASN1Enumerated(bootState),
                new DEROctetString(new byte[32])}));
        DERTaggedObject patchLevel = new DERTaggedObject(true, 706, new ASN1Integer(osPatchLevel));
        DERTaggedObject applicationId = new DERTaggedObject(true, 709, new DEROctetString(applicationId()));
        ASN1Encodable software = rootOfTrustInSoftwareList
                ? list(rootOfTrust, patchLevel, applicationId) : list(applicationId);
        ASN1Encodable hardware = rootOfTrustInSoftwareList ? list() : list(rootOfTrust, patchLevel);
        return new DERSequence(new ASN1Encodable[] {new ASN1Integer(300), new ASN1Enumerated(attestationLevel),
                new ASN1Integer(300), new ASN1Enumerated(keyMintLevel), new DEROctetString(challenge),
                new DEROctetString(new byte[0]), software, hardware});
    }

    private byte[] applicationId() {
        try {
            DERSequence packageInfo = new DERSequence(new ASN1Encodable[] {
                    new DEROctetString(packageName.getBytes(StandardCharsets.UTF_8)), new ASN1Integer(versionCode)});
            return new DERSequence(new ASN1Encodable[] {new DERSet(packageInfo), new DERSet(new DEROctetString(signingDigest))})
                    .getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DERSequence list(ASN1Encodable... members) {
        return new DERSequence(members);
    }
}
