package io.biometriccore.appintegrity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.appintegrity.AppAttested;
import io.biometriccore.appintegrity.AppleApp;
import io.biometriccore.appintegrity.AttestationRejection;
import io.biometriccore.appintegrity.BootState;
import io.biometriccore.appintegrity.Platform;
import io.biometriccore.appintegrity.SecurityLevel;
import io.biometriccore.appintegrity.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Apple App Attest, after Apple's "Validating apps that connect to your server": attestations (steps
 * 1 to 9) and assertions (steps 1 to 5), against a root made here.
 */
class AppAttestVerifierTests {

    private static final Instant NOW = Instant.now();
    private static final AppleApp APP = new AppleApp("ABCDE12345", "com.bank.app", false);
    private static final byte[] CHALLENGE = "server challenge, single use".getBytes(StandardCharsets.UTF_8);

    private final TestPki.Issued root = TestPki.root("Test App Attestation Root CA");
    private final TestPki.Issued ca = TestPki.intermediate(root, "Test App Attestation CA 1");
    private final AppAttestVerifier verifier = new AppAttestVerifier(root.certificate(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final AppAttestDevice device = new AppAttestDevice(ca, APP.appId(), false);

    @Nested
    class Attestation {

        @Test
        void verifiesAnAttestationOfTheAppOverTheChallenge() {
            var result = verifier.verifyAttestation(APP, device.keyId(), device.attestation(CHALLENGE), CHALLENGE);

            assertThat(result).isInstanceOf(Verification.Verified.class);
            AppAttested attested = ((Verification.Verified<AppAttested>) result).value();
            assertThat(attested.key().keyId()).isEqualTo(device.keyId());
            assertThat(attested.key().development()).isFalse();
            assertThat(attested.posture().platform()).isEqualTo(Platform.IOS);
            assertThat(attested.posture().securityLevel()).isEqualTo(SecurityLevel.SECURE_ENCLAVE);
            assertThat(attested.posture().bootState()).isEqualTo(BootState.NOT_ATTESTED);
            assertThat(attested.posture().appId()).isEqualTo("ABCDE12345.com.bank.app");
            assertThat(attested.posture().verifiedAt()).isEqualTo(NOW);
        }

        @Test
        void rejectsAttestationOverAnotherChallenge() {
            byte[] attestation = device.attestation("another challenge".getBytes(StandardCharsets.UTF_8));

            assertRejected(verifier.verifyAttestation(APP, device.keyId(), attestation, CHALLENGE),
                    AttestationRejection.CHALLENGE_MISMATCH);
        }

        @Test
        void rejectsAttestationOfAnotherApp() {
            AppleApp other = new AppleApp("ABCDE12345", "com.other.app", false);

            assertRejected(verifier.verifyAttestation(other, device.keyId(), device.attestation(CHALLENGE), CHALLENGE),
                    AttestationRejection.APP_ID_MISMATCH);
        }

        @Test
        void rejectsAttestationWhoseCredentialCertificateIsNotSignedByItsIssuer() {
            byte[] forged = device.attestation(CHALLENGE, TestPki.ecKeys(), 0);

            assertRejected(verifier.verifyAttestation(APP, device.keyId(), forged, CHALLENGE),
                    AttestationRejection.ATTESTATION_TAMPERED);
        }

        @Test
        void rejectsAttestationSentWithAnotherKeyId() {
            byte[] otherKeyId = new AppAttestDevice(ca, APP.appId(), false).keyId();

            assertRejected(verifier.verifyAttestation(APP, otherKeyId, device.attestation(CHALLENGE), CHALLENGE),
                    AttestationRejection.ATTESTATION_TAMPERED);
        }

        @Test
        void rejectsAttestationFromAnotherRoot() {
            TestPki.Issued elsewhere = TestPki.intermediate(TestPki.root("Not Apple"), "Not Apple CA");
            AppAttestDevice impostor = new AppAttestDevice(elsewhere, APP.appId(), false);

            assertRejected(verifier.verifyAttestation(APP, impostor.keyId(), impostor.attestation(CHALLENGE), CHALLENGE),
                    AttestationRejection.CHAIN_UNTRUSTED);
        }

        @Test
        void rejectsDevelopmentKeyForAnAppThatAcceptsOnlyProduction() {
            AppAttestDevice development = new AppAttestDevice(ca, APP.appId(), true);

            assertRejected(verifier.verifyAttestation(APP, development.keyId(), development.attestation(CHALLENGE), CHALLENGE),
                    AttestationRejection.ENVIRONMENT_NOT_ACCEPTED);
        }

        @Test
        void acceptsDevelopmentKeyForAnAppThatAcceptsDevelopment() {
            AppleApp inDevelopment = new AppleApp("ABCDE12345", "com.bank.app", true);
            AppAttestDevice development = new AppAttestDevice(ca, APP.appId(), true);

            var result = verifier.verifyAttestation(inDevelopment, development.keyId(), development.attestation(CHALLENGE), CHALLENGE);

            assertThat(result).isInstanceOf(Verification.Verified.class);
            assertThat(((Verification.Verified<AppAttested>) result).value().key().development()).isTrue();
        }

        @Test
        void rejectsAttestationWhoseCounterIsNotZero() {
            byte[] counted = device.attestation(CHALLENGE, ca.keys(), 1);

            assertRejected(verifier.verifyAttestation(APP, device.keyId(), counted, CHALLENGE),
                    AttestationRejection.ATTESTATION_MALFORMED);
        }

        @Test
        void rejectsBytesThatAreNoAttestationObject() {
            assertRejected(verifier.verifyAttestation(APP, device.keyId(), new byte[] {1, 2, 3}, CHALLENGE),
                    AttestationRejection.ATTESTATION_MALFORMED);
        }
    }

    @Nested
    class Assertion {

        private final byte[] clientData = "{\"challenge\":\"abc\",\"action\":\"transfer\"}".getBytes(StandardCharsets.UTF_8);

        private AppAttested attested() {
            return ((Verification.Verified<AppAttested>) verifier.verifyAttestation(
                    APP, device.keyId(), device.attestation(CHALLENGE), CHALLENGE)).value();
        }

        @Test
        void verifiesAnAssertionWithAGreaterCounterAndAnswersTheNewCounter() {
            var result = verifier.verifyAssertion(APP, attested().key(), 4, device.assertion(5, clientData), clientData);

            assertThat(result).isEqualTo(Verification.verified(5L));
        }

        @Test
        void rejectsAssertionWhoseCounterIsNotGreaterThanTheStoredOne() {
            assertRejected(verifier.verifyAssertion(APP, attested().key(), 5, device.assertion(5, clientData), clientData),
                    AttestationRejection.COUNTER_NOT_INCREASING);
        }

        @Test
        void rejectsAssertionWithACounterOfZeroForAFreshKey() {
            assertRejected(verifier.verifyAssertion(APP, attested().key(), 0, device.assertion(0, clientData), clientData),
                    AttestationRejection.COUNTER_NOT_INCREASING);
        }

        @Test
        void rejectsAssertionOverOtherClientData() {
            byte[] other = "{\"challenge\":\"abc\",\"action\":\"other\"}".getBytes(StandardCharsets.UTF_8);

            assertRejected(verifier.verifyAssertion(APP, attested().key(), 0, device.assertion(1, clientData), other),
                    AttestationRejection.ATTESTATION_TAMPERED);
        }

        @Test
        void rejectsAssertionOfAnotherApp() {
            AppleApp other = new AppleApp("ABCDE12345", "com.other.app", false);

            assertRejected(verifier.verifyAssertion(other, attested().key(), 0, device.assertion(1, clientData), clientData),
                    AttestationRejection.APP_ID_MISMATCH);
        }

        @Test
        void rejectsAssertionByAnotherKey() {
            AppAttestDevice other = new AppAttestDevice(ca, APP.appId(), false);

            assertRejected(verifier.verifyAssertion(APP, attested().key(), 0, other.assertion(1, clientData), clientData),
                    AttestationRejection.ATTESTATION_TAMPERED);
        }

        @Test
        void rejectsBytesThatAreNoAssertion() {
            assertRejected(verifier.verifyAssertion(APP, attested().key(), 0, new byte[] {(byte) 0xff}, clientData),
                    AttestationRejection.ATTESTATION_MALFORMED);
        }
    }

    static void assertRejected(Verification<?> result, AttestationRejection reason) {
        assertThat(result).isInstanceOfSatisfying(Verification.Rejected.class,
                rejected -> assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(reason));
    }
}
