package io.biometriccore.appintegrity.internal;

import static io.biometriccore.appintegrity.internal.AppAttestVerifierTests.assertRejected;
import static io.biometriccore.appintegrity.internal.KeyAttestationFixture.SELF_SIGNED;
import static io.biometriccore.appintegrity.internal.KeyAttestationFixture.SOFTWARE;
import static io.biometriccore.appintegrity.internal.KeyAttestationFixture.STRONGBOX;
import static io.biometriccore.appintegrity.internal.KeyAttestationFixture.TEE;
import static io.biometriccore.appintegrity.internal.KeyAttestationFixture.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.appintegrity.AndroidApp;
import io.biometriccore.appintegrity.AttestationRejection;
import io.biometriccore.appintegrity.BootState;
import io.biometriccore.appintegrity.Platform;
import io.biometriccore.appintegrity.SecurityLevel;
import io.biometriccore.appintegrity.Verification;
import io.biometriccore.appintegrity.VerifiedPosture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Android key attestation, in the order of Google's verification guide: the chain (links, root,
 * revocation), then the leaf's KeyDescription (challenge, security level, root of trust, application id).
 */
class KeyAttestationVerifierTests {

    private static final Instant NOW = Instant.now();
    private static final byte[] CHALLENGE = "server challenge, single use".getBytes(StandardCharsets.UTF_8);
    private static final AndroidApp APP = new AndroidApp("com.bank.app",
            Set.of(HexFormat.of().formatHex(KeyAttestationFixture.SIGNING_DIGEST)));

    @TempDir
    Path directory;

    private final TestPki.Issued root = TestPki.root("Test Android Attestation Root");
    private final KeyAttestationFixture valid = KeyAttestationFixture.valid(root, CHALLENGE);

    private KeyAttestationVerifier verifier(AttestationStatusList statusList) {
        return new KeyAttestationVerifier(new KeyAttestationChains(List.of(root.certificate()), statusList),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Verification<VerifiedPosture> verify(KeyAttestationFixture attestation, SecurityLevel minimum) {
        return verifier(new AttestationStatusList(null)).verify(APP, attestation.chain(), CHALLENGE, minimum);
    }

    @Test
    void verifiesAHardwareAttestationOfTheAppAndReportsItsPosture() {
        var result = verify(valid, SecurityLevel.TEE);

        assertThat(result).isEqualTo(Verification.verified(new VerifiedPosture(Platform.ANDROID, SecurityLevel.TEE,
                BootState.VERIFIED, true, "com.bank.app", 42L, 202611, NOW)));
    }

    @Test
    void verifiesAChainSentWithoutItsRoot() {
        List<byte[]> withoutRoot = valid.chain().subList(0, 2);

        var result = verifier(new AttestationStatusList(null)).verify(APP, withoutRoot, CHALLENGE, SecurityLevel.TEE);

        assertThat(result).isInstanceOf(Verification.Verified.class);
    }

    @Nested
    class Chain {

        @Test
        void rejectsALeafNotSignedByTheIntermediate() {
            assertRejected(verify(valid.withLeafSignedBy(TestPki.ecKeys()), SecurityLevel.TEE),
                    AttestationRejection.ATTESTATION_TAMPERED);
        }

        @Test
        void rejectsAKeyDescriptionInAnIntermediate() {
            TestPki.Issued carrier = TestPki.intermediate(root, "Intermediate");
            var intermediate = TestPki.leaf(new TestPki.Issued(root.keys(), root.certificate()), carrier.keys(),
                    KeyDescription.OID, valid.keyDescription(), root.keys());
            var leaf = TestPki.leaf(carrier, TestPki.ecKeys(), KeyDescription.OID, valid.keyDescription(), carrier.keys());

            var result = verifier(new AttestationStatusList(null)).verify(APP,
                    KeyAttestationFixture.der(leaf, intermediate, root.certificate()), CHALLENGE, SecurityLevel.TEE);

            assertRejected(result, AttestationRejection.ATTESTATION_TAMPERED);
        }

        @Test
        void rejectsAChainEndingAtAnotherRoot() {
            KeyAttestationFixture elsewhere = KeyAttestationFixture.valid(TestPki.root("Not Google"), CHALLENGE);

            assertRejected(verify(elsewhere, SecurityLevel.TEE), AttestationRejection.CHAIN_UNTRUSTED);
        }

        @Test
        void rejectsAChainWithARevokedIntermediate() throws IOException {
            Path list = statusList(valid.intermediate().certificate().getSerialNumber().toString(16), "REVOKED");

            var result = verifier(new AttestationStatusList(list)).verify(APP, valid.chain(), CHALLENGE, SecurityLevel.TEE);

            assertRejected(result, AttestationRejection.CERTIFICATE_REVOKED);
        }

        @Test
        void readsTheStatusListAgainWhenItsFileChanges() throws IOException {
            Path list = statusList("abc", "REVOKED");
            KeyAttestationVerifier verifier = verifier(new AttestationStatusList(list));
            assertThat(verifier.verify(APP, valid.chain(), CHALLENGE, SecurityLevel.TEE)).isInstanceOf(Verification.Verified.class);

            statusList(valid.intermediate().certificate().getSerialNumber().toString(16).toUpperCase(), "SUSPENDED");
            Files.setLastModifiedTime(list, FileTime.from(NOW.plusSeconds(60)));

            assertRejected(verifier.verify(APP, valid.chain(), CHALLENGE, SecurityLevel.TEE),
                    AttestationRejection.CERTIFICATE_REVOKED);
        }

        @Test
        void keepsTheLastGoodStatusListWhenTheFileBecomesUnreadable() throws IOException {
            Path list = statusList(valid.intermediate().certificate().getSerialNumber().toString(16), "REVOKED");
            KeyAttestationVerifier verifier = verifier(new AttestationStatusList(list));

            Files.writeString(list, "{not json");
            Files.setLastModifiedTime(list, FileTime.from(NOW.plusSeconds(60)));

            assertRejected(verifier.verify(APP, valid.chain(), CHALLENGE, SecurityLevel.TEE),
                    AttestationRejection.CERTIFICATE_REVOKED);
        }

        @Test
        void rejectsBytesThatAreNoCertificate() {
            var result = verifier(new AttestationStatusList(null)).verify(APP, List.of(new byte[] {0x30, 0x03, 1}),
                    CHALLENGE, SecurityLevel.TEE);

            assertRejected(result, AttestationRejection.ATTESTATION_MALFORMED);
        }

        @Test
        void rejectsALeafWithoutKeyDescription() {
            var leaf = TestPki.leaf(valid.intermediate(), TestPki.ecKeys(), KeyDescription.OID, null, valid.intermediate().keys());

            var result = verifier(new AttestationStatusList(null)).verify(APP,
                    KeyAttestationFixture.der(leaf, valid.intermediate().certificate()), CHALLENGE, SecurityLevel.TEE);

            assertRejected(result, AttestationRejection.ATTESTATION_MALFORMED);
        }

        @Test
        void rejectsAKeyDescriptionThatIsNotOne() {
            var leaf = TestPki.leaf(valid.intermediate(), TestPki.ecKeys(), KeyDescription.OID,
                    new DEROctetString(new byte[] {1}), valid.intermediate().keys());

            var result = verifier(new AttestationStatusList(null)).verify(APP,
                    KeyAttestationFixture.der(leaf, valid.intermediate().certificate()), CHALLENGE, SecurityLevel.TEE);

            assertRejected(result, AttestationRejection.ATTESTATION_MALFORMED);
        }

        private Path statusList(String serial, String status) throws IOException {
            Path file = directory.resolve("status.json");
            Files.writeString(file, """
                    {"entries": {"%s": {"status": "%s", "reason": "KEY_COMPROMISE"}}}""".formatted(serial, status));
            return file;
        }
    }

    @Nested
    class KeyDescriptionSteps {

        @Test
        void rejectsAnAttestationOverAnotherChallenge() {
            assertRejected(verify(valid.withChallenge("other".getBytes(StandardCharsets.UTF_8)), SecurityLevel.TEE),
                    AttestationRejection.CHALLENGE_MISMATCH);
        }

        @Test
        void rejectsASoftwareKeyWhereHardwareIsDemanded() {
            assertRejected(verify(valid.withSecurityLevels(SOFTWARE, SOFTWARE), SecurityLevel.TEE),
                    AttestationRejection.SECURITY_LEVEL_TOO_LOW);
        }

        @Test
        void rejectsAHardwareAttestationOfASoftwareKeyMintKey() {
            assertRejected(verify(valid.withSecurityLevels(TEE, SOFTWARE), SecurityLevel.TEE),
                    AttestationRejection.SECURITY_LEVEL_TOO_LOW);
        }

        @Test
        void rejectsATrustedEnvironmentKeyWhereStrongBoxIsDemanded() {
            assertRejected(verify(valid, SecurityLevel.STRONGBOX), AttestationRejection.SECURITY_LEVEL_TOO_LOW);
        }

        @Test
        void acceptsAStrongBoxKeyWhereStrongBoxIsDemanded() {
            var result = verify(valid.withSecurityLevels(STRONGBOX, STRONGBOX), SecurityLevel.STRONGBOX);

            assertThat(result).isInstanceOfSatisfying(Verification.Verified.class, verified ->
                    assertThat(((VerifiedPosture) verified.value()).securityLevel()).isEqualTo(SecurityLevel.STRONGBOX));
        }

        @Test
        void acceptsASoftwareKeyWhenTheCallerAllowsSoftware() {
            var result = verify(valid.withSecurityLevels(SOFTWARE, SOFTWARE), SecurityLevel.SOFTWARE);

            assertThat(result).isInstanceOfSatisfying(Verification.Verified.class, verified ->
                    assertThat(((VerifiedPosture) verified.value()).securityLevel()).isEqualTo(SecurityLevel.SOFTWARE));
        }

        @Test
        void rejectsAnUnlockedBootloader() {
            assertRejected(verify(valid.withBoot(VERIFIED, false), SecurityLevel.TEE),
                    AttestationRejection.BOOT_STATE_UNVERIFIED);
        }

        @Test
        void rejectsASelfSignedBootImage() {
            assertRejected(verify(valid.withBoot(SELF_SIGNED, true), SecurityLevel.TEE),
                    AttestationRejection.BOOT_STATE_UNVERIFIED);
        }

        @Test
        void rejectsAnotherPackage() {
            assertRejected(verify(valid.withApp("com.evil.app", KeyAttestationFixture.SIGNING_DIGEST), SecurityLevel.TEE),
                    AttestationRejection.APP_ID_MISMATCH);
        }

        @Test
        void rejectsTheAppSignedWithAnotherCertificate() {
            byte[] otherDigest = Digests.sha256("a repackager's certificate".getBytes(StandardCharsets.UTF_8));

            assertRejected(verify(valid.withApp("com.bank.app", otherDigest), SecurityLevel.TEE),
                    AttestationRejection.APP_ID_MISMATCH);
        }
    }
}
