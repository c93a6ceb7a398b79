package io.biometriccore.appintegrity.internal;

import io.biometriccore.appintegrity.BootState;
import io.biometriccore.appintegrity.SecurityLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * The Android attestation extension's {@code KeyDescription} (OID 1.3.6.1.4.1.11129.2.1.17), the members
 * this server judges, read with BouncyCastle's ASN.1 classes
 * (https://source.android.com/docs/security/features/keystore/attestation#schema). Each
 * {@code AuthorizationList} member the schema tags is looked up by its tag; the rest are not read.
 */
record KeyDescription(SecurityLevel attestationSecurityLevel, SecurityLevel keyMintSecurityLevel,
        byte[] attestationChallenge, AuthorizationList softwareEnforced, AuthorizationList hardwareEnforced) {

    static final String OID = "1.3.6.1.4.1.11129.2.1.17";

    /** {@code RootOfTrust ::= SEQUENCE { verifiedBootKey, deviceLocked, verifiedBootState, ... }}. */
    record RootOfTrust(boolean deviceLocked, BootState verifiedBootState) {
    }

    /** One {@code AttestationPackageInfo}: a package name and its {@code versionCode}. */
    record PackageInfo(String packageName, long version) {
    }

    /** {@code AttestationApplicationId ::= SEQUENCE { SET OF AttestationPackageInfo, SET OF OCTET STRING }}. */
    record ApplicationId(List<PackageInfo> packages, List<byte[]> signatureDigests) {
    }

    /** The members of an {@code AuthorizationList} this server reads, each absent when the list lacks it. */
    record AuthorizationList(Optional<RootOfTrust> rootOfTrust, Optional<Integer> osPatchLevel,
            Optional<ApplicationId> applicationId) {
    }

    private static final int ROOT_OF_TRUST = 704;
    private static final int OS_PATCH_LEVEL = 706;
    private static final int ATTESTATION_APPLICATION_ID = 709;

    /**
     * Parses the extension's value as {@link java.security.cert.X509Certificate#getExtensionValue} answers it.
     *
     * @throws IllegalArgumentException when it is not a {@code KeyDescription}
     */
    static KeyDescription parse(byte[] extensionValue) {
        try {
            ASN1Sequence description = ASN1Sequence.getInstance(ASN1OctetString.getInstance(extensionValue).getOctets());
            if (description.size() < 8) {
                throw new IllegalArgumentException("KeyDescription has " + description.size() + " members, 8 expected");
            }
            return new KeyDescription(securityLevel(description.getObjectAt(1)), securityLevel(description.getObjectAt(3)),
                    ASN1OctetString.getInstance(description.getObjectAt(4)).getOctets(),
                    authorizationList(description.getObjectAt(6)), authorizationList(description.getObjectAt(7)));
        } catch (IllegalStateException | ClassCastException | ArithmeticException e) {
            throw new IllegalArgumentException("not a KeyDescription: " + e.getMessage(), e);
        }
    }

    private static SecurityLevel securityLevel(ASN1Encodable value) {
        return switch (ASN1Enumerated.getInstance(value).intValueExact()) {
            case 0 -> SecurityLevel.SOFTWARE;
            case 1 -> SecurityLevel.TEE;
            case 2 -> SecurityLevel.STRONGBOX;
            default -> throw new IllegalArgumentException("unknown SecurityLevel");
        };
    }

    private static AuthorizationList authorizationList(ASN1Encodable value) {
        ASN1Encodable rootOfTrust = null;
        ASN1Encodable osPatchLevel = null;
        ASN1Encodable applicationId = null;
        for (ASN1Encodable member : ASN1Sequence.getInstance(value)) {
            ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(member);
            switch (tagged.getTagNo()) {
                case ROOT_OF_TRUST -> rootOfTrust = tagged.getExplicitBaseObject();
                case OS_PATCH_LEVEL -> osPatchLevel = tagged.getExplicitBaseObject();
                case ATTESTATION_APPLICATION_ID -> applicationId = tagged.getExplicitBaseObject();
                default -> { }
            }
        }
        return new AuthorizationList(Optional.ofNullable(rootOfTrust).map(KeyDescription::rootOfTrust),
                Optional.ofNullable(osPatchLevel).map(level -> ASN1Integer.getInstance(level).intValueExact()),
                Optional.ofNullable(applicationId).map(KeyDescription::applicationId));
    }

    private static RootOfTrust rootOfTrust(ASN1Encodable value) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(value);
        boolean locked = ASN1Boolean.getInstance(sequence.getObjectAt(1)).isTrue();
        BootState state = switch (ASN1Enumerated.getInstance(sequence.getObjectAt(2)).intValueExact()) {
            case 0 -> BootState.VERIFIED;
            case 1 -> BootState.SELF_SIGNED;
            case 2 -> BootState.UNVERIFIED;
            case 3 -> BootState.FAILED;
            default -> throw new IllegalArgumentException("unknown VerifiedBootState");
        };
        return new RootOfTrust(locked, state);
    }

    /** The application id is an OCTET STRING holding the DER of the {@code AttestationApplicationId}. */
    private static ApplicationId applicationId(ASN1Encodable value) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1OctetString.getInstance(value).getOctets());
        List<PackageInfo> packages = new ArrayList<>();
        for (ASN1Encodable info : ASN1Set.getInstance(sequence.getObjectAt(0))) {
            ASN1Sequence packageInfo = ASN1Sequence.getInstance(info);
            packages.add(new PackageInfo(utf8(packageInfo.getObjectAt(0)),
                    ASN1Integer.getInstance(packageInfo.getObjectAt(1)).longValueExact()));
        }
        List<byte[]> digests = new ArrayList<>();
        for (ASN1Encodable digest : ASN1Set.getInstance(sequence.getObjectAt(1))) {
            digests.add(ASN1OctetString.getInstance(digest).getOctets());
        }
        return new ApplicationId(List.copyOf(packages), List.copyOf(digests));
    }

    private static String utf8(ASN1Encodable value) {
        return new String(ASN1OctetString.getInstance(value).getOctets(), StandardCharsets.UTF_8);
    }
}
