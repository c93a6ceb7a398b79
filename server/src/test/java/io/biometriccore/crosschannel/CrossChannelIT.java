package io.biometriccore.crosschannel;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.biometriccore.testkit.AttestationCa;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.ProblemAssert;
import io.biometriccore.testsupport.SendsBadInput;
import io.biometriccore.testsupport.TenantFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The browser waits; the phone, shown who asks, approves with its passkey and the code the browser
 * shows; the browser claims its session once. That session was approved on another device, which may
 * have been a phisher's relay (ADR 0022): it does no sensitive action before a step-up in its browser.
 */
class CrossChannelIT extends PostgresIntegrationTest {

    private static final AttestationCa HARDWARE = AttestationCa.generate("Bank Hardware Keys");

    private static final String ATTACKERS_BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path anchors = Files.createTempDirectory("cross-channel-anchors");
        HARDWARE.writeRootPem(anchors);
        registry.add("biometric.attestation.trust-anchors-dir", anchors::toString);
    }

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;
    private UUID customerId;
    private String phoneToken;

    @BeforeEach
    void phoneSignedIn() {
        bank = BankFixture.create(api, "cross-bank", Map.of(), Map.of());
        phone = SoftwareAuthenticator.create(KeyType.ES256, HARDWARE);
        username = "user" + System.nanoTime();
        customerId = bank.enrolled(username, phone);
        Response signedIn = bank.signIn(phone, username, Map.of(), BankFixture.ANDROID_ORIGIN, UnaryOperator.identity());
        BankFixture.require(signedIn, 200);
        assertThat(signedIn.json().path("acr").asString()).isEqualTo("aal3");
        phoneToken = signedIn.json().path("access_token").asString();
    }

    @Test
    void theWebWaitsForThePhoneAndGetsItsOwnSessionOnce() throws Exception {
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        String[] web = {"Authorization", "Bearer " + request.path("pollSecret").asString()};
        // Sent and waited for until its headers arrive, which the server sends with the first event: the
        // stream is open before the phone approves, so it must see both states.
        HttpResponse<Stream<String>> events = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + bank.path("/cross-channel/" + id + "/events")))
                        .header(web[0], web[1]).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(api.get(bank.path("/cross-channel/" + id), web).json().path("status").asString()).isEqualTo("pending");
        assertCode(claim(id, web), "cross_channel_pending");

        approveOnThePhone(id, request.path("userCode").asString());

        assertThat(api.get(bank.path("/cross-channel/" + id), web).json().path("status").asString()).isEqualTo("approved");
        String stream = events.body().collect(Collectors.joining("\n"));
        assertThat(stream).contains("\"status\":\"pending\"").contains("\"status\":\"approved\"");
        Response tokens = claim(id, web);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(bank.introspect(tokens.json().path("access_token").asString()).json().path("active").asBoolean()).isTrue();

        Response again = claim(id, web);
        assertThat(again.status()).isEqualTo(409);
        assertCode(again, "cross_channel_already_used");

        List<String> channels = bank.backend("GET", "/customers/" + customerId + "/sessions", null).json()
                .valueStream().map(s -> s.path("channel").asString()).toList();
        assertThat(channels).containsExactlyInAnyOrder("mobile", "web");
    }

    @Test
    void aProofSentWithAWrongPollSecretIsNotSpent() throws Exception {
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        approveOnThePhone(id, request.path("userCode").asString());
        ECKey browserKey = new ECKeyGenerator(Curve.P_256).generate();
        String path = bank.path("/cross-channel/" + id + "/token");
        SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(browserKey.toPublicJWK()).build(), new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                .claim("htm", "POST").claim("htu", "https://auth.bank.example" + path).issueTime(new Date()).build());
        proof.sign(new ECDSASigner(browserKey));
        ProblemAssert.assertProblem(api.post(path, null, "Authorization", "Bearer cc_wrong", "DPoP",
                proof.serialize()), 401, "cross_channel_secret_invalid");

        Response claimed = api.post(path, null, "Authorization", "Bearer " + request.path("pollSecret").asString(),
                "DPoP", proof.serialize());

        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.json().path("token_type").asString()).isEqualTo("DPoP");
    }

    @Test
    void anApprovalCannotBeGivenTwice() {
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        approveOnThePhone(id, request.path("userCode").asString());

        Response second = api.post(bank.path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken);

        assertThat(second.status()).isEqualTo(409);
        assertCode(second, "cross_channel_not_pending");
    }

    @Test
    void anApprovalIsWorthNothingOnceTheApprovingDeviceIsRevoked() {
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        approveOnThePhone(id, request.path("userCode").asString());
        UUID deviceId = bank.firstDevice(customerId);
        BankFixture.require(bank.backend("POST", "/customers/" + customerId + "/devices/" + deviceId + "/revoke", null),
                200);

        Response claim = claim(id, new String[] {"Authorization", "Bearer " + request.path("pollSecret").asString()});

        assertThat(claim.status()).isEqualTo(403);
        assertCode(claim, "credential_revoked");
        assertThat(bank.backend("GET", "/customers/" + customerId + "/sessions", null).json().size()).isZero();
    }

    @Test
    void theWrongPollSecretLearnsNothing() {
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        approveOnThePhone(id, request.path("userCode").asString());
        String[] wrong = {"Authorization", "Bearer cc_wrong"};

        Response state = api.get(bank.path("/cross-channel/" + id), wrong);
        Response claim = claim(id, wrong);

        for (Response refused : List.of(state, claim)) {
            ProblemAssert.assertProblem(refused, 401, "cross_channel_secret_invalid");
            assertThat(refused.json().path("status").asInt()).isEqualTo(401);
            assertThat(refused.json().has("access_token")).isFalse();
            assertThat(refused.body()).doesNotContain("approved").doesNotContain("pending");
        }
        String[] web = {"Authorization", "Bearer " + request.path("pollSecret").asString()};
        assertThat(api.get(bank.path("/cross-channel/" + id), web).json().path("status").asString()).isEqualTo("approved");
        assertThat(claim(id, web).status()).isEqualTo(200);
    }

    @Test
    void aSignInChallengeDoesNotApprove() {
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        String challenge = api.post(bank.path("/authentication/options"), Map.of("username", username)).json()
                .path("challenge").asString();

        Response approval = api.post(bank.path("/cross-channel/" + id + "/approval"),
                Map.of("userCode", request.path("userCode").asString(), "credential", assertion(challenge)),
                "Authorization", "Bearer " + phoneToken);

        assertThat(approval.status()).isEqualTo(400);
        assertCode(approval, "ceremony_purpose_mismatch");
    }

    @Test
    void anApprovalChallengeDoesNotSignIn() {
        String id = startOnTheWeb().path("id").asString();
        String challenge = api.post(bank.path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken).json().path("publicKey").path("challenge").asString();

        Response signIn = api.post(bank.path("/authentication/verify"),
                phone.authenticate(AuthenticationInput.of(challenge, BankFixture.ANDROID_ORIGIN, TenantFixture.RP_ID)));

        assertThat(signIn.status()).isEqualTo(400);
        assertCode(signIn, "ceremony_purpose_mismatch");
    }

    @Test
    void theApprovalOfAnotherRequestDoesNotApprove() {
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        String other = startOnTheWeb().path("id").asString();
        String challenge = api.post(bank.path("/cross-channel/" + other + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken).json().path("publicKey").path("challenge").asString();

        Response approval = api.post(bank.path("/cross-channel/" + id + "/approval"),
                Map.of("userCode", request.path("userCode").asString(), "credential", assertion(challenge)),
                "Authorization", "Bearer " + phoneToken);

        assertThat(approval.status()).isEqualTo(400);
        assertCode(approval, "cross_channel_wrong_ceremony");
    }

    @Test
    void thePhoneMustBeSignedIn() {
        String id = startOnTheWeb().path("id").asString();

        Response options = api.post(bank.path("/cross-channel/" + id + "/approval/options"), null);

        assertThat(options.status()).isEqualTo(401);
        assertCode(options, "token_missing");
    }

    @Test
    void aRelayedRequestGivesASessionThatCannotAddAPasskeyNorRevokeADevice() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode relayed = startOnTheWeb("User-Agent", ATTACKERS_BROWSER);
        String id = relayed.path("id").asString();

        JsonNode options = approvalOptions(id);
        JsonNode requester = options.path("requester");
        assertThat(requester.path("network").asString()).isEqualTo("unknown");
        assertThat(requester.path("location").asString()).isEqualTo("unknown");
        assertThat(requester.path("browser").asString()).isEqualTo("Chrome");
        assertThat(requester.path("os").asString()).isEqualTo("Windows");
        assertThat(Instant.parse(requester.path("requestedAt").asString())).isBetween(before, Instant.now());
        BankFixture.require(approval(id, relayed.path("userCode").asString(), options), 204);
        Response claimed = claim(id, new String[] {"Authorization", "Bearer " + relayed.path("pollSecret").asString()});
        BankFixture.require(claimed, 200);
        String stolen = claimed.json().path("access_token").asString();

        JsonNode introspection = bank.introspect(stolen).json();
        assertThat(claimed.json().path("acr").asString()).isEqualTo("aal2");
        assertThat(introspection.path("acr").asString()).isEqualTo("aal2");
        assertThat(introspection.path("amr").valueStream().map(JsonNode::asString)).contains("cross_device")
                .doesNotContain("hwk");
        ProblemAssert.assertProblem(bank.me("POST", "/enrollment-grants", stolen, null), 401, "step_up_required");
        UUID deviceId = bank.firstDevice(customerId);
        ProblemAssert.assertProblem(bank.me("POST", "/devices/" + deviceId + "/revoke", stolen, null), 401,
                "step_up_required");
        assertThat(bank.me("GET", "/devices", phoneToken, null).json().get(0).path("status").asString())
                .isEqualTo("ACTIVE");
        assertThat(crossChannelAudit(id)).map(e -> e.path("type").asString()).containsExactly("cross_channel.approved");
        Asserted.event("cross_channel.approved");
    }

    @Test
    void aLocalPasskeyStepUpInThatBrowserLiftsTheRestriction() {
        SoftwareAuthenticator laptop = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        BankFixture.require(bank.register(laptop, bank.grant(customerId), UnaryOperator.identity()), 200);
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        approveOnThePhone(id, request.path("userCode").asString());
        JsonNode claimed = claim(id, new String[] {"Authorization", "Bearer " + request.path("pollSecret").asString()})
                .json();
        String restricted = claimed.path("access_token").asString();
        ProblemAssert.assertProblem(bank.me("POST", "/enrollment-grants", restricted, null), 401, "step_up_required");

        Response stepUp = bank.signIn(laptop, username, Map.of(), TenantFixture.ORIGIN, UnaryOperator.identity(),
                "Authorization", "Bearer " + restricted);

        assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
        assertThat(stepUp.json().path("session_id").asString()).isEqualTo(claimed.path("session_id").asString());
        String lifted = stepUp.json().path("access_token").asString();
        assertThat(bank.introspect(lifted).json().path("amr").valueStream().map(JsonNode::asString))
                .doesNotContain("cross_device");
        assertThat(bank.me("POST", "/enrollment-grants", lifted, null).status()).isEqualTo(201);
    }

    @Test
    void anApprovalWithoutTheBrowsersCodeFailsAndTheThirdWrongCodeBurnsTheRequest() {
        JsonNode victims = startOnTheWeb();
        String id = victims.path("id").asString();
        String[] victimsBrowser = {"Authorization", "Bearer " + victims.path("pollSecret").asString()};
        JsonNode options = approvalOptions(id);

        Response first = approval(id, "AAAA-AAAA", options);
        Response second = approval(id, "", options);

        ProblemAssert.assertProblem(first, 403, "cross_channel_code_mismatch");
        assertThat(first.json().path("attemptsRemaining").asInt()).isEqualTo(2);
        ProblemAssert.assertProblem(second, 403, "cross_channel_code_mismatch");
        assertThat(second.json().path("attemptsRemaining").asInt()).isEqualTo(1);
        assertThat(api.get(bank.path("/cross-channel/" + id), victimsBrowser).json().path("status").asString())
                .isEqualTo("pending");

        ProblemAssert.assertProblem(approval(id, "BBBB-BBBB", options), 409, "cross_channel_burned");

        ProblemAssert.assertProblem(approval(id, victims.path("userCode").asString(), options), 409,
                "cross_channel_burned");
        ProblemAssert.assertProblem(api.post(bank.path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken), 409, "cross_channel_burned");
        assertThat(api.get(bank.path("/cross-channel/" + id), victimsBrowser).json().path("status").asString())
                .isEqualTo("burned");
        ProblemAssert.assertProblem(claim(id, victimsBrowser), 409, "cross_channel_burned");
        assertThat(crossChannelAudit(id)).map(e -> e.path("type").asString()).containsExactlyInAnyOrder(
                "cross_channel.code_mismatch", "cross_channel.code_mismatch", "cross_channel.burned");
        List.of("cross_channel.code_mismatch", "cross_channel.burned").forEach(Asserted::event);
    }

    @Test
    void theCodeMayBeEnteredInLowerCaseWithoutItsHyphen() {
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        String typed = request.path("userCode").asString().replace("-", "").toLowerCase(Locale.ROOT);

        BankFixture.require(approval(id, typed, approvalOptions(id)), 204);
    }

    @SendsBadInput("approvals without a code or with one the contract refuses")
    @Test
    void anApprovalWithoutACodeOrWithAnAbsurdOneIsMalformedAndCostsNoTry() {
        String id = startOnTheWeb().path("id").asString();
        JsonNode options = approvalOptions(id);
        String challenge = options.path("publicKey").path("challenge").asString();

        Response withoutCode = api.post(bank.path("/cross-channel/" + id + "/approval"),
                Map.of("credential", assertion(challenge)), "Authorization", "Bearer " + phoneToken);
        Response absurdCode = approval(id, "A".repeat(65), options);

        ProblemAssert.assertProblem(withoutCode, 400, "malformed_request");
        ProblemAssert.assertProblem(absurdCode, 400, "malformed_request");
        assertThat(approval(id, "AAAA-AAAA", options).json().path("attemptsRemaining").asInt()).isEqualTo(2);
    }

    private JsonNode startOnTheWeb(String... headers) {
        Response started = api.post(bank.path("/cross-channel"), null, headers);
        BankFixture.require(started, 201);
        assertThat(started.json().path("pollSecret").asString()).startsWith("cc_");
        assertThat(started.json().path("userCode").asString()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        return started.json();
    }

    /** The customer reads the code off the browser and enters it on the phone. */
    private void approveOnThePhone(String id, String userCode) {
        BankFixture.require(approval(id, userCode, approvalOptions(id)), 204);
    }

    /** The options, which show who asks but never the code the customer must enter. */
    private JsonNode approvalOptions(String id) {
        Response options = api.post(bank.path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken);
        BankFixture.require(options, 200);
        assertThat(options.json().has("userCode")).isFalse();
        return options.json();
    }

    private Response approval(String id, String enteredCode, JsonNode options) {
        String challenge = options.path("publicKey").path("challenge").asString();
        return api.post(bank.path("/cross-channel/" + id + "/approval"), Map.of("userCode", enteredCode,
                "credential", assertion(challenge)), "Authorization", "Bearer " + phoneToken);
    }

    private JsonNode assertion(String challenge) {
        return ApiClient.JSON.readTree(phone.authenticate(AuthenticationInput.of(challenge, BankFixture.ANDROID_ORIGIN,
                TenantFixture.RP_ID)));
    }

    private List<JsonNode> crossChannelAudit(String id) {
        Response events = api.admin("GET", "/v1/admin/tenants/" + bank.tenantId() + "/audit/events?limit=100"
                + "&type=cross_channel.approved&type=cross_channel.code_mismatch&type=cross_channel.burned", null);
        BankFixture.require(events, 200);
        return events.json().path("items").valueStream().filter(e -> id.equals(e.path("reason").asString())).toList();
    }

    private Response claim(String id, String[] web) {
        return api.post(bank.path("/cross-channel/" + id + "/token"), null, web);
    }
}
