package io.biometriccore.account;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.ProblemAssert;
import io.biometriccore.testsupport.SendsBadInput;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A customer managing their own devices and sessions with their access token. */
class SelfServiceIT extends PostgresIntegrationTest {

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;
    private UUID customerId;
    private String accessToken;

    @BeforeEach
    void signedIn() {
        bank = BankFixture.create(api, "self-bank", Map.of(), Map.of());
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "user" + System.nanoTime();
        customerId = bank.enrolled(username, phone);
        accessToken = bank.tokens(phone, username).path("access_token").asString();
    }

    @Test
    void aCustomerSeesOnlyTheirOwnDevicesAndSessions() {
        SoftwareAuthenticator stranger = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String strangerName = "stranger" + System.nanoTime();
        bank.enrolled(strangerName, stranger);
        bank.tokens(stranger, strangerName);

        JsonNode devices = bank.me("GET", "/devices", accessToken, null).json();
        JsonNode sessions = bank.me("GET", "/sessions", accessToken, null).json();

        assertThat(devices.valueStream().map(d -> d.path("customerId").asString())).containsOnly(customerId.toString());
        assertThat(sessions.size()).isEqualTo(1);
        assertThat(sessions.get(0).path("current").asBoolean()).isTrue();
        assertThat(sessions.get(0).path("session").path("channel").asString()).isEqualTo("web");
    }

    @Test
    void aCustomerRenamesTheirDevice() {
        String deviceId = bank.me("GET", "/devices", accessToken, null).json().get(0).path("id").asString();

        Response renamed = bank.me("PATCH", "/devices/" + deviceId, accessToken, Map.of("name", "My phone"));

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("My phone");
    }

    @Test
    void anotherCustomersDeviceCannotBeTouched() {
        SoftwareAuthenticator stranger = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String strangerName = "stranger" + System.nanoTime();
        UUID strangerId = bank.enrolled(strangerName, stranger);
        UUID strangersDevice = bank.firstDevice(strangerId);
        JsonNode before = bank.backend("GET", "/customers/" + strangerId + "/devices", null).json();

        Response rename = bank.me("PATCH", "/devices/" + strangersDevice, accessToken, Map.of("name", "mine now"));
        Response revoke = bank.me("POST", "/devices/" + strangersDevice + "/revoke", accessToken, null);

        ProblemAssert.assertProblem(rename, 404, "device_not_found");
        ProblemAssert.assertProblem(revoke, 404, "device_not_found");
        JsonNode after = bank.backend("GET", "/customers/" + strangerId + "/devices", null).json();
        assertThat(after).isEqualTo(before).hasSize(1);
        assertThat(after.get(0).path("id").asString()).isEqualTo(strangersDevice.toString());
        assertThat(after.get(0).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(after.get(0).path("name").asString()).isNotEqualTo("mine now");
        assertThat(bank.signIn(stranger, strangerName).status()).isEqualTo(200);
    }

    @Test
    void revokingADeviceNeedsTheSensitiveActionLevel() {
        BankFixture strict = BankFixture.create(api, "strict-bank", Map.of(), Map.of("sensitiveActionAcr", "aal3"));
        SoftwareAuthenticator device = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String name = "strict" + System.nanoTime();
        strict.enrolled(name, device);
        String token = strict.tokens(device, name).path("access_token").asString();
        String deviceId = strict.me("GET", "/devices", token, null).json().get(0).path("id").asString();

        Response revoke = strict.me("POST", "/devices/" + deviceId + "/revoke", token, null);

        assertThat(revoke.status()).isEqualTo(401);
        assertCode(revoke, "step_up_required");
        assertThat(revoke.json().path("acr_values").asString()).isEqualTo("aal3");
        assertThat(revoke.json().path("max_age").asLong()).isEqualTo(300);
        assertThat(strict.me("GET", "/devices", token, null).json().get(0).path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aFreshSessionRevokesItsOwnDeviceAndIsEndedWithIt() {
        String deviceId = bank.me("GET", "/devices", accessToken, null).json().get(0).path("id").asString();

        Response revoke = bank.me("POST", "/devices/" + deviceId + "/revoke", accessToken, null);

        assertThat(revoke.json().path("status").asString()).isEqualTo("REVOKED");
        Response after = bank.me("GET", "/devices", accessToken, null);
        assertThat(after.status()).isEqualTo(401);
        assertCode(after, "session_inactive");
    }

    @Test
    void signOutEverywhereEndsEverySession() {
        String otherSession = bank.tokens(phone, username).path("access_token").asString();

        Response out = bank.me("POST", "/sessions/revoke-all", accessToken, null);

        assertThat(out.json().path("revoked").asInt()).isEqualTo(2);
        assertThat(bank.introspect(otherSession).json().path("active").asBoolean()).isFalse();
        assertCode(bank.me("GET", "/sessions", accessToken, null), "session_inactive");
    }

    @Test
    void aSignedInCustomerAddsASecondDeviceWithAGrant() {
        Response grant = bank.me("POST", "/enrollment-grants", accessToken, null);
        assertThat(grant.status()).isEqualTo(201);

        SoftwareAuthenticator laptop = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        Response registered = bank.register(laptop, grant.json().path("grant").asString(), UnaryOperator.identity());

        assertThat(registered.status()).isEqualTo(200);
        assertThat(bank.me("GET", "/devices", accessToken, null).json().size()).isEqualTo(2);
        assertThat(bank.signIn(laptop, username).status()).isEqualTo(200);
    }

    @SendsBadInput("max_age below its minimum and over its maximum")
    @Test
    void anAbsurdMaxAgeIsABadRequestNotAnOverflow() {
        for (String maxAge : List.of("-1", "9223372036854775807", "315360001")) {
            Response response = bank.me("GET", "/session?max_age=" + maxAge, accessToken, null);
            assertThat(response.status()).as(maxAge).isEqualTo(400);
            assertCode(response, "invalid_request");
        }
        assertThat(bank.me("GET", "/session?max_age=315360000", accessToken, null).status()).isEqualTo(200);
    }

    @Test
    void noTokenOrAForeignTokenIsRefused() {
        Response none = api.get(bank.path("/me/devices"));
        assertThat(none.status()).isEqualTo(401);
        assertCode(none, "token_missing");

        BankFixture other = BankFixture.create(api, "other-bank", Map.of(), Map.of());
        Response foreign = other.me("GET", "/devices", accessToken, null);
        assertThat(foreign.status()).isEqualTo(401);
        assertCode(foreign, "token_invalid");
    }
}
