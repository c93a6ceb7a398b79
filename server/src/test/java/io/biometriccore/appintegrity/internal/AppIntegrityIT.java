package io.biometriccore.appintegrity.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The bank's app proving itself through the routes (ADR 0048), against roots made here: App Attest
 * attestations and assertions, Android key attestation chains, each refusal under its own code, the
 * posture on the device record, and the attested posture in the risk decision.
 */
class AppIntegrityIT extends PostgresIntegrationTest {

    private static final String APP_ID = "ABCDE12345.com.bank.app";
    private static final TestPki.Issued APPLE_ROOT = TestPki.root("Test App Attestation Root CA");
    private static final TestPki.Issued APPLE_CA = TestPki.intermediate(APPLE_ROOT, "Test App Attestation CA 1");
    private static final TestPki.Issued ANDROID_ROOT = TestPki.root("Test Android Attestation Root");
    private static final TestPki.Issued REVOKED = TestPki.intermediate(ANDROID_ROOT, "Revoked Intermediate");

    @Autowired
    private JdbcClient jdbc;

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;
    private UUID customerId;
    private UUID deviceId;
    private String accessToken;

    @DynamicPropertySource
    static void roots(DynamicPropertyRegistry registry) throws IOException {
        Path directory = Files.createTempDirectory("app-integrity-it");
        registry.add("biometric.app-integrity.apple-root", () -> TestKeyAttestations.pem(directory, "apple.pem", APPLE_ROOT.certificate()));
        registry.add("biometric.app-integrity.android-roots",
                () -> TestKeyAttestations.pem(directory, "android.pem", ANDROID_ROOT.certificate()));
        Path statusList = Files.writeString(directory.resolve("status.json"), """
                {"entries": {"%s": {"status": "REVOKED", "reason": "KEY_COMPROMISE"}}}"""
                .formatted(REVOKED.certificate().getSerialNumber().toString(16)));
        registry.add("biometric.app-integrity.android-status-list", statusList::toString);
    }

    @BeforeEach
    void signedInWithTheBanksApps() {
        bank = BankFixture.create(api, "app-bank", Map.of(), Map.of());
        BankFixture.require(api.admin("PUT", "/v1/admin/tenants/app-bank/apps", Map.of(
                "ios", List.of(Map.of("teamId", "ABCDE12345", "bundleId", "com.bank.app")),
                "android", List.of(Map.of("packageName", "com.bank.app", "signingCertificateDigests",
                        List.of(TestKeyAttestations.signingDigest()))))), 200);
        bank.withRisk(Map.of());
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "app" + System.nanoTime();
        customerId = bank.enrolled(username, phone);
        deviceId = bank.firstDevice(customerId);
        accessToken = bank.tokens(phone, username).path("access_token").asString();
    }

    @Nested
    class TheTenantsApps {

        @Test
        void areListedAsTheyWereGiven() {
            JsonNode apps = api.admin("GET", "/v1/admin/tenants/app-bank/apps", null).json();

            assertThat(apps.path("ios").get(0).path("bundleId").asString()).isEqualTo("com.bank.app");
            assertThat(apps.path("ios").get(0).path("developmentAccepted").asBoolean()).isFalse();
            assertThat(apps.path("android").get(0).path("minimumSecurityLevel").asString()).isEqualTo("tee");
        }

        @Test
        void rejectsAnAppWithoutSigningCertificateDigests() {
            Response refused = api.admin("PUT", "/v1/admin/tenants/app-bank/apps",
                    Map.of("android", List.of(Map.of("packageName", "com.bank.app"))));

            assertProblem(refused, 400, "invalid_request");
        }
    }

    @Nested
    class AppAttest {

        private final AppAttestDevice iphone = new AppAttestDevice(APPLE_CA, APP_ID, false);

        @Test
        void anAttestationVerifiesAndItsPostureIsOnTheDeviceRecord() {
            String challenge = challenge();

            Response attested = attestIos(iphone.keyId(), iphone.attestation(bytes(challenge)), challenge);

            assertThat(attested.status()).isEqualTo(200);
            assertThat(attested.json().path("platform").asString()).isEqualTo("ios");
            JsonNode own = bank.me("GET", "/devices", accessToken, null).json().get(0).path("appIntegrity");
            assertThat(own.path("securityLevel").asString()).isEqualTo("secure_enclave");
            assertThat(own.path("appId").asString()).isEqualTo(APP_ID);
            JsonNode banks = bank.backend("GET", "/customers/" + customerId + "/devices", null).json().get(0);
            assertThat(banks.path("appIntegrity").path("bootState").asString()).isEqualTo("not_attested");
        }

        @Test
        void assertionsMoveTheCounterAndAReplayedCounterIsRefused() {
            String challenge = challenge();
            attestIos(iphone.keyId(), iphone.attestation(bytes(challenge)), challenge);

            Response first = assertIos(1);
            Response replayed = assertIos(1);

            assertThat(first.json().path("counter").asLong()).isEqualTo(1);
            assertProblem(replayed, 400, "counter_not_increasing");
        }

        @Test
        void rejectsATamperedAttestation() {
            String challenge = challenge();
            byte[] forged = iphone.attestation(bytes(challenge), TestPki.ecKeys(), 0);

            assertProblem(attestIos(iphone.keyId(), forged, challenge), 400, "attestation_tampered");
        }

        @Test
        void rejectsAnAttestationOfAnotherApp() {
            AppAttestDevice other = new AppAttestDevice(APPLE_CA, "ABCDE12345.com.other.app", false);
            String challenge = challenge();

            assertProblem(attestIos(other.keyId(), other.attestation(bytes(challenge)), challenge), 400,
                    "app_id_mismatch");
        }

        @Test
        void rejectsAnAttestationSentWithAnotherChallengeThanTheIssuedOne() {
            String issued = challenge();
            String other = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

            assertProblem(attestIos(iphone.keyId(), iphone.attestation(bytes(other)), other), 400, "challenge_mismatch");
            assertProblem(attestIos(iphone.keyId(), iphone.attestation(bytes(issued)), issued), 400, "challenge_mismatch");
        }

        @Test
        void rejectsADevelopmentKeyForAnAppThatAcceptsOnlyProduction() {
            AppAttestDevice development = new AppAttestDevice(APPLE_CA, APP_ID, true);
            String challenge = challenge();

            assertProblem(attestIos(development.keyId(), development.attestation(bytes(challenge)), challenge), 400,
                    "environment_not_accepted");
        }

        @Test
        void takesADevelopmentKeyForAnAppThatAcceptsDevelopment() {
            BankFixture.require(api.admin("PUT", "/v1/admin/tenants/app-bank/apps", Map.of("ios", List.of(
                    Map.of("teamId", "ABCDE12345", "bundleId", "com.bank.app", "developmentAccepted", true)))), 200);
            AppAttestDevice development = new AppAttestDevice(APPLE_CA, APP_ID, true);
            String challenge = challenge();

            Response attested = attestIos(development.keyId(), development.attestation(bytes(challenge)), challenge);

            assertThat(attested.status()).isEqualTo(200);
        }

        @Test
        void rejectsAnAttestationObjectThatIsNotCbor() {
            String challenge = challenge();

            assertProblem(attestIos(iphone.keyId(), "not cbor".getBytes(StandardCharsets.UTF_8), challenge), 400,
                    "attestation_malformed");
        }

        @Test
        void refusesAnAssertionFromADeviceWithoutAnAttestedKey() {
            assertProblem(assertIos(1), 409, "app_attestation_missing");
        }

        private Response attestIos(byte[] keyId, byte[] attestationObject, String challenge) {
            return bank.me("POST", "/devices/" + deviceId + "/app-attestation", accessToken, Map.of("challenge", challenge,
                    "ios", Map.of("appId", APP_ID, "keyId", b64(keyId), "attestationObject", b64(attestationObject))));
        }

        private Response assertIos(long counter) {
            byte[] clientData = ("{\"challenge\":\"" + challenge() + "\",\"action\":\"transfer\"}")
                    .getBytes(StandardCharsets.UTF_8);
            return bank.me("POST", "/devices/" + deviceId + "/app-assertion", accessToken,
                    Map.of("assertion", b64(iphone.assertion(counter, clientData)), "clientData", b64(clientData)));
        }
    }

    @Nested
    class AndroidKeyAttestation {

        @Test
        void aChainVerifiesAndItsPostureIsOnTheDeviceRecord() {
            String challenge = challenge();

            Response attested = attestAndroid(KeyAttestationFixture.valid(ANDROID_ROOT, bytes(challenge)), challenge);

            assertThat(attested.status()).isEqualTo(200);
            JsonNode posture = bank.me("GET", "/devices", accessToken, null).json().get(0).path("appIntegrity");
            assertThat(posture.path("platform").asString()).isEqualTo("android");
            assertThat(posture.path("securityLevel").asString()).isEqualTo("tee");
            assertThat(posture.path("bootState").asString()).isEqualTo("verified");
            assertThat(posture.path("appVersion").asLong()).isEqualTo(42);
            assertThat(posture.path("osPatchLevel").asInt()).isEqualTo(202611);
        }

        @Test
        void rejectsAChainOfAnotherPackage() {
            String challenge = challenge();
            var other = KeyAttestationFixture.valid(ANDROID_ROOT, bytes(challenge))
                    .withApp("com.other.app", KeyAttestationFixture.SIGNING_DIGEST);

            assertProblem(attestAndroid(other, challenge), 400, "app_id_mismatch");
        }

        @Test
        void rejectsAnUnlockedBootloader() {
            String challenge = challenge();
            var unlocked = KeyAttestationFixture.valid(ANDROID_ROOT, bytes(challenge))
                    .withBoot(KeyAttestationFixture.SELF_SIGNED, false);

            assertProblem(attestAndroid(unlocked, challenge), 400, "boot_state_unverified");
        }

        @Test
        void rejectsAChainThroughARevokedCertificate() {
            String challenge = challenge();
            var revoked = KeyAttestationFixture.valid(ANDROID_ROOT, bytes(challenge)).withIntermediate(REVOKED);

            assertProblem(attestAndroid(revoked, challenge), 400, "certificate_revoked");
        }

        @Test
        void rejectsASoftwareKeyWhereTheAppDemandsHardware() {
            String challenge = challenge();
            var software = KeyAttestationFixture.valid(ANDROID_ROOT, bytes(challenge))
                    .withSecurityLevels(KeyAttestationFixture.SOFTWARE, KeyAttestationFixture.SOFTWARE);

            assertProblem(attestAndroid(software, challenge), 400, "security_level_too_low");
        }

        @Test
        void rejectsAChainToAnotherRoot() {
            String challenge = challenge();

            assertProblem(attestAndroid(KeyAttestationFixture.valid(TestPki.root("Not Google"), bytes(challenge)),
                    challenge), 400, "chain_untrusted");
        }

        @Test
        void rejectsAChainOverAnotherChallenge() {
            String challenge = challenge();
            var stale = KeyAttestationFixture.valid(ANDROID_ROOT, new byte[32]);

            assertProblem(attestAndroid(stale, challenge), 400, "challenge_mismatch");
        }
    }

    @Nested
    class TheDevice {

        @Test
        void onlyTheDeviceThatOpenedTheSessionAttestsItself() {
            SoftwareAuthenticator laptop = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
            BankFixture.require(bank.register(laptop, bank.grant(customerId), UnaryOperator.identity()), 200);
            UUID other = bank.backend("GET", "/customers/" + customerId + "/devices", null).json().valueStream()
                    .map(d -> UUID.fromString(d.path("id").asString())).filter(id -> !id.equals(deviceId))
                    .findFirst().orElseThrow();

            Response refused = bank.me("POST", "/devices/" + other + "/app-attestation/challenge", accessToken, null);

            assertProblem(refused, 403, "session_device_mismatch");
        }
    }

    @Nested
    class Audit {

        @Test
        void attestationsAndAssertionsAreAuditedOnTheDeviceSuccessAndFailureAlike() {
            AppAttestDevice iphone = new AppAttestDevice(APPLE_CA, APP_ID, false);
            challenge();
            BankFixture.require(bank.me("POST", "/devices/" + deviceId + "/app-attestation", accessToken,
                    Map.of("challenge", "not-the-challenge", "android", Map.of("packageName", "com.bank.app",
                            "certificateChain", List.of("AAAA")))), 400);
            String challenge = challenge();
            BankFixture.require(bank.me("POST", "/devices/" + deviceId + "/app-attestation", accessToken, Map.of(
                    "challenge", challenge, "ios", Map.of("appId", APP_ID, "keyId", b64(iphone.keyId()),
                            "attestationObject", b64(iphone.attestation(bytes(challenge)))))), 200);
            BankFixture.require(assertion(iphone, 1), 200);
            BankFixture.require(assertion(iphone, 1), 400);

            List<String> audited = jdbc.sql("SELECT event_type || ':' || outcome || ':' || reason FROM audit_event"
                    + " WHERE tenant_id = 'app-bank' AND device_id = :device ORDER BY id")
                    .param("device", deviceId).query(String.class).list();

            assertThat(audited).containsSubsequence("app_integrity.attestation_failed:failure:challenge_mismatch",
                    "app_integrity.attested:success:ios:secure_enclave", "app_integrity.asserted:success:" + APP_ID,
                    "app_integrity.assertion_failed:failure:counter_not_increasing");
            assertThat(jdbc.sql("SELECT reason FROM audit_event WHERE tenant_id = 'app-bank'"
                    + " AND event_type = 'tenant_apps.changed'").query(String.class).list()).contains("ios_1:android_1");
            Asserted.event("app_integrity.attestation_failed");
            Asserted.event("app_integrity.attested");
            Asserted.event("app_integrity.asserted");
            Asserted.event("app_integrity.assertion_failed");
            Asserted.event("tenant_apps.changed");
        }

        private Response assertion(AppAttestDevice iphone, long counter) {
            byte[] clientData = ("{\"challenge\":\"" + challenge() + "\"}").getBytes(StandardCharsets.UTF_8);
            return bank.me("POST", "/devices/" + deviceId + "/app-assertion", accessToken,
                    Map.of("assertion", b64(iphone.assertion(counter, clientData)), "clientData", b64(clientData)));
        }
    }

    @Nested
    class Risk {

        @Test
        void aSignInFromADeviceWithoutAttestationStepsUpAndAfterAttestationIsAllowed() {
            bank.withRisk(Map.of("appIntegrity", Map.of("signIn", "step_up")));

            Response before = bank.signIn(phone, username);
            String challenge = challenge();
            BankFixture.require(attestAndroid(KeyAttestationFixture.valid(ANDROID_ROOT, bytes(challenge)), challenge),
                    200);
            Response after = bank.signIn(phone, username);

            assertThat(before.json().path("stepUpAcr").asString()).isEqualTo("aal2");
            assertThat(after.json().has("stepUpAcr")).isFalse();
        }

        @Test
        void whatThePolicyAsksOfOneActionLeavesTheOthersAlone() {
            bank.withRisk(Map.of("appIntegrity", Map.of("stepUp", "deny", "approveTransaction", "deny")));

            Response signedIn = bank.signIn(phone, username);

            assertThat(signedIn.status()).isEqualTo(200);
            assertThat(signedIn.json().has("stepUpAcr")).isFalse();
        }

        @Test
        void aRefusedAttestationIsDeniedWhereThePolicySaysSo() {
            bank.withRisk(Map.of("appIntegrity", Map.of("signIn", "deny")));
            String challenge = challenge();
            attestAndroid(KeyAttestationFixture.valid(ANDROID_ROOT, bytes(challenge))
                    .withBoot(KeyAttestationFixture.SELF_SIGNED, false), challenge);

            Response refused = bank.signIn(phone, username);

            assertProblem(refused, 403, "risk_denied");
            JsonNode decision = api.admin("GET", "/v1/admin/tenants/app-bank/risk/decisions?decision=deny", null)
                    .json().path("items").get(0);
            assertThat(decision.path("contributions").valueStream().map(c -> c.path("reason").asString()))
                    .contains("app_attestation_failed");
        }
    }

    private String challenge() {
        Response issued = bank.me("POST", "/devices/" + deviceId + "/app-attestation/challenge", accessToken, null);
        BankFixture.require(issued, 200);
        return issued.json().path("challenge").asString();
    }

    private Response attestAndroid(KeyAttestationFixture fixture, String challenge) {
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("packageName", "com.bank.app");
        android.put("certificateChain", fixture.chain().stream().map(AppIntegrityIT::b64).toList());
        return bank.me("POST", "/devices/" + deviceId + "/app-attestation", accessToken,
                Map.of("challenge", challenge, "android", android));
    }

    private static byte[] bytes(String challenge) {
        return Base64.getUrlDecoder().decode(challenge);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
