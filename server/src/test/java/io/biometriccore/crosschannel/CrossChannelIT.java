package io.biometriccore.crosschannel;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The browser waits; the phone approves with its passkey; the browser claims its session once. */
class CrossChannelIT extends PostgresIntegrationTest {

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;
    private UUID customerId;
    private String phoneToken;

    @BeforeEach
    void phoneSignedIn() {
        bank = BankFixture.create(api, "cross-bank", Map.of(), Map.of());
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "user" + System.nanoTime();
        customerId = bank.enrolled(username, phone);
        Response signedIn = bank.signIn(phone, username, Map.of(), BankFixture.ANDROID_ORIGIN, UnaryOperator.identity());
        BankFixture.require(signedIn, 200);
        phoneToken = signedIn.json().path("access_token").asString();
    }

    @Test
    void theWebWaitsForThePhoneAndGetsItsOwnSessionOnce() throws Exception {
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        String[] web = {"Authorization", "Bearer " + request.path("pollSecret").asString()};
        CompletableFuture<HttpResponse<String>> events = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + bank.path("/cross-channel/" + id + "/events")))
                        .header(web[0], web[1]).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.get(bank.path("/cross-channel/" + id), web).json().path("status").asString()).isEqualTo("pending");
        assertThat(claim(id, web).code()).isEqualTo("cross_channel_pending");

        approveOnThePhone(id, request.path("userCode").asString());

        assertThat(api.get(bank.path("/cross-channel/" + id), web).json().path("status").asString()).isEqualTo("approved");
        String stream = events.get().body();
        assertThat(stream).contains("\"status\":\"pending\"").contains("\"status\":\"approved\"");
        Response tokens = claim(id, web);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(bank.introspect(tokens.json().path("access_token").asString()).json().path("active").asBoolean()).isTrue();

        Response again = claim(id, web);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("cross_channel_already_used");

        List<String> channels = bank.backend("GET", "/customers/" + customerId + "/sessions", null).json()
                .valueStream().map(s -> s.path("channel").asString()).toList();
        assertThat(channels).containsExactlyInAnyOrder("mobile", "web");
    }

    @Test
    void anApprovalCannotBeGivenTwice() {
        JsonNode request = startOnTheWeb();
        String id = request.path("id").asString();
        approveOnThePhone(id, request.path("userCode").asString());

        Response second = api.post(bank.path("/cross-channel/" + id + "/approval/options"), Map.of(),
                "Authorization", "Bearer " + phoneToken);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("cross_channel_not_pending");
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
        assertThat(claim.code()).isEqualTo("credential_revoked");
        assertThat(bank.backend("GET", "/customers/" + customerId + "/sessions", null).json().size()).isZero();
    }

    @Test
    void theWrongPollSecretLearnsNothing() {
        String id = startOnTheWeb().path("id").asString();

        Response state = api.get(bank.path("/cross-channel/" + id), "Authorization", "Bearer cc_wrong");
        Response claim = claim(id, new String[] {"Authorization", "Bearer cc_wrong"});

        assertThat(state.status()).isEqualTo(401);
        assertThat(state.code()).isEqualTo("cross_channel_secret_invalid");
        assertThat(claim.code()).isEqualTo("cross_channel_secret_invalid");
    }

    @Test
    void aSignInChallengeDoesNotApprove() {
        String id = startOnTheWeb().path("id").asString();
        String challenge = api.post(bank.path("/authentication/options"), Map.of("username", username)).json()
                .path("challenge").asString();

        Response approval = api.post(bank.path("/cross-channel/" + id + "/approval"),
                phone.authenticate(AuthenticationInput.of(challenge, BankFixture.ANDROID_ORIGIN, TenantFixture.RP_ID)),
                "Authorization", "Bearer " + phoneToken);

        assertThat(approval.status()).isEqualTo(400);
        assertThat(approval.code()).isEqualTo("ceremony_purpose_mismatch");
    }

    @Test
    void anApprovalChallengeDoesNotSignIn() {
        String id = startOnTheWeb().path("id").asString();
        String challenge = api.post(bank.path("/cross-channel/" + id + "/approval/options"), Map.of(),
                "Authorization", "Bearer " + phoneToken).json().path("publicKey").path("challenge").asString();

        Response signIn = api.post(bank.path("/authentication/verify"),
                phone.authenticate(AuthenticationInput.of(challenge, BankFixture.ANDROID_ORIGIN, TenantFixture.RP_ID)));

        assertThat(signIn.status()).isEqualTo(400);
        assertThat(signIn.code()).isEqualTo("ceremony_purpose_mismatch");
    }

    @Test
    void theApprovalOfAnotherRequestDoesNotApprove() {
        String id = startOnTheWeb().path("id").asString();
        String other = startOnTheWeb().path("id").asString();
        String challenge = api.post(bank.path("/cross-channel/" + other + "/approval/options"), Map.of(),
                "Authorization", "Bearer " + phoneToken).json().path("publicKey").path("challenge").asString();

        Response approval = api.post(bank.path("/cross-channel/" + id + "/approval"),
                phone.authenticate(AuthenticationInput.of(challenge, BankFixture.ANDROID_ORIGIN, TenantFixture.RP_ID)),
                "Authorization", "Bearer " + phoneToken);

        assertThat(approval.status()).isEqualTo(400);
        assertThat(approval.code()).isEqualTo("cross_channel_wrong_ceremony");
    }

    @Test
    void thePhoneMustBeSignedIn() {
        String id = startOnTheWeb().path("id").asString();

        Response options = api.post(bank.path("/cross-channel/" + id + "/approval/options"), Map.of());

        assertThat(options.status()).isEqualTo(401);
        assertThat(options.code()).isEqualTo("token_missing");
    }

    private JsonNode startOnTheWeb() {
        Response started = api.post(bank.path("/cross-channel"), Map.of());
        BankFixture.require(started, 201);
        assertThat(started.json().path("pollSecret").asString()).startsWith("cc_");
        assertThat(started.json().path("userCode").asString()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        return started.json();
    }

    private void approveOnThePhone(String id, String userCode) {
        Response options = api.post(bank.path("/cross-channel/" + id + "/approval/options"), Map.of(),
                "Authorization", "Bearer " + phoneToken);
        BankFixture.require(options, 200);
        assertThat(options.json().path("userCode").asString()).isEqualTo(userCode);
        String challenge = options.json().path("publicKey").path("challenge").asString();
        Response approved = api.post(bank.path("/cross-channel/" + id + "/approval"),
                phone.authenticate(AuthenticationInput.of(challenge, BankFixture.ANDROID_ORIGIN, TenantFixture.RP_ID)),
                "Authorization", "Bearer " + phoneToken);
        BankFixture.require(approved, 204);
    }

    private Response claim(String id, String[] web) {
        return api.post(bank.path("/cross-channel/" + id + "/token"), Map.of(), web);
    }
}
