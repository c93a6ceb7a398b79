package io.biometriccore.conformance;

import static io.biometriccore.testkit.SoftwareAuthenticator.Attestation.PACKED_SELF;
import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.RegistrationInput;
import io.biometriccore.testsupport.SendsBadInput;
import io.biometriccore.testsupport.TenantFixture;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The FIDO2 conformance-profile API: its JSON shapes, the session cookie, its failure shape, several
 * credentials under one username, and its ceremonies kept apart from the client API's.
 */
class Fido2ConformanceIT extends PostgresIntegrationTest {

    TenantFixture tenant;

    @BeforeEach
    void tenant() {
        tenant = TenantFixture.conformance(api, "conformance");
    }

    @Test
    void registersAndSignsInThroughTheSessionCookie() {
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, PACKED_SELF);
        Response options = api.post(tenant.path("/fido2/attestation/options"), Map.of("username", "johndoe@example.com",
                "displayName", "John Doe", "authenticatorSelection", Map.of("userVerification", "required"),
                "attestation", "direct"));
        assertThat(options.status()).isEqualTo(200);
        JsonNode body = options.json();
        assertThat(body.path("status").asString()).isEqualTo("ok");
        assertThat(body.path("errorMessage").asString()).isEmpty();
        assertThat(body.path("rp").path("id").asString()).isEqualTo(TenantFixture.RP_ID);
        assertThat(body.path("attestation").asString()).isEqualTo("direct");
        String cookie = cookie(options);

        RegistrationInput in = RegistrationInput.of(body.path("challenge").asString(), TenantFixture.ORIGIN,
                TenantFixture.RP_ID).withUserHandle(Base64.getUrlDecoder().decode(body.path("user").path("id").asString()));
        String credential = conformanceShape(authenticator.register(in));
        Response result = api.post(tenant.path("/fido2/attestation/result"), credential, "Cookie", cookie);
        assertThat(result.json().path("status").asString()).as(result.body()).isEqualTo("ok");

        Response assertionOptions = api.post(tenant.path("/fido2/assertion/options"),
                Map.of("username", "johndoe@example.com", "userVerification", "required"));
        JsonNode request = assertionOptions.json();
        assertThat(request.path("status").asString()).isEqualTo("ok");
        assertThat(request.path("allowCredentials").get(0).path("id").asString())
                .isEqualTo(authenticator.credentialIdBase64Url());
        String assertion = conformanceShape(authenticator.authenticate(AuthenticationInput.of(
                request.path("challenge").asString(), TenantFixture.ORIGIN, TenantFixture.RP_ID)));
        Response signedIn = api.post(tenant.path("/fido2/assertion/result"), assertion, "Cookie", cookie(assertionOptions));
        assertThat(signedIn.json().path("status").asString()).as(signedIn.body()).isEqualTo("ok");
    }

    @Test
    void findsTheCeremonyByItsChallengeWithoutACookie() {
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, PACKED_SELF);
        JsonNode options = api.post(tenant.path("/fido2/attestation/options"),
                Map.of("username", "jane@example.com", "displayName", "Jane")).json();
        RegistrationInput in = RegistrationInput.of(options.path("challenge").asString(), TenantFixture.ORIGIN,
                TenantFixture.RP_ID).withUserHandle(Base64.getUrlDecoder().decode(options.path("user").path("id").asString()));
        Response result = api.post(tenant.path("/fido2/attestation/result"), conformanceShape(authenticator.register(in)));
        assertThat(result.json().path("status").asString()).as(result.body()).isEqualTo("ok");
    }

    @Test
    void aCookieOfAnotherCeremonyIsAChallengeMismatch() {
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, PACKED_SELF);
        Response first = api.post(tenant.path("/fido2/attestation/options"), Map.of("username", "a@example.com", "displayName", "A"));
        JsonNode second = api.post(tenant.path("/fido2/attestation/options"),
                Map.of("username", "b@example.com", "displayName", "B")).json();
        RegistrationInput in = RegistrationInput.of(second.path("challenge").asString(), TenantFixture.ORIGIN,
                TenantFixture.RP_ID).withUserHandle(Base64.getUrlDecoder().decode(second.path("user").path("id").asString()));
        Response result = api.post(tenant.path("/fido2/attestation/result"), conformanceShape(authenticator.register(in)),
                "Cookie", cookie(first));
        assertFailed(result, "challenge_mismatch");
    }

    @SendsBadInput("a body that is not JSON")
    @Test
    void aFailureIsA4xxWithStatusFailedAndAMessage() {
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, PACKED_SELF);
        JsonNode options = api.post(tenant.path("/fido2/attestation/options"),
                Map.of("username", "eve@example.com", "displayName", "Eve")).json();
        RegistrationInput in = RegistrationInput.of(options.path("challenge").asString(), "https://evil.example",
                TenantFixture.RP_ID).withUserHandle(new byte[32]);
        assertFailed(api.post(tenant.path("/fido2/attestation/result"), conformanceShape(authenticator.register(in))),
                "origin_not_allowed");
        assertFailed(api.post(tenant.path("/fido2/assertion/result"), "{broken"), "malformed_request");
    }

    @Test
    void aSecondCredentialUnderOneUsernameJoinsTheCustomerAndItsOptionsExcludeTheFirst() {
        SoftwareAuthenticator first = registered("several@example.com");
        JsonNode options = api.post(tenant.path("/fido2/attestation/options"),
                Map.of("username", "several@example.com", "displayName", "Several")).json();
        assertThat(options.path("excludeCredentials").findValuesAsString("id"))
                .containsExactly(first.credentialIdBase64Url());
        SoftwareAuthenticator second = SoftwareAuthenticator.create(ES256, PACKED_SELF);
        Response result = api.post(tenant.path("/fido2/attestation/result"),
                conformanceShape(second.register(input(options))));
        assertThat(result.json().path("status").asString()).as(result.body()).isEqualTo("ok");
        JsonNode assertionOptions = api.post(tenant.path("/fido2/assertion/options"),
                Map.of("username", "several@example.com")).json();
        assertThat(assertionOptions.path("allowCredentials").findValuesAsString("id"))
                .containsExactlyInAnyOrder(first.credentialIdBase64Url(), second.credentialIdBase64Url());
    }

    @SendsBadInput("the same body to every route, whatever its shape")
    @Test
    void aTenantWithoutTheConformanceProfileDoesNotServeTheFido2Routes() {
        TenantFixture plain = TenantFixture.create(api, "no-conformance", Map.of());
        for (String route : List.of("/fido2/attestation/options", "/fido2/attestation/result",
                "/fido2/assertion/options", "/fido2/assertion/result")) {
            assertProblem(api.post(plain.path(route), Map.of("username", "someone@example.com")), 404,
                    "conformance_profile_disabled");
        }
    }

    @Test
    void theAssertionResultRefusesAStepUpChallenge() {
        SoftwareAuthenticator authenticator = registered("stepup@example.com");
        Response signedIn = tenant.authenticate(authenticator, "stepup@example.com");
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        String stepUpChallenge = api.post(tenant.path("/authentication/options"), Map.of(),
                "Authorization", "Bearer " + signedIn.json().path("access_token").asString())
                .json().path("challenge").asString();
        Response result = api.post(tenant.path("/fido2/assertion/result"), conformanceShape(authenticator.authenticate(
                AuthenticationInput.of(stepUpChallenge, TenantFixture.ORIGIN, TenantFixture.RP_ID))));
        assertFailed(result, "ceremony_purpose_mismatch");
    }

    @Test
    void theClientApiRefusesAConformanceChallenge() {
        SoftwareAuthenticator authenticator = registered("crossed@example.com");
        String challenge = api.post(tenant.path("/fido2/assertion/options"), Map.of("username", "crossed@example.com"))
                .json().path("challenge").asString();
        Response signIn = tenant.verifyAssertion(authenticator.authenticate(
                AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID)));
        assertProblem(signIn, 400, "ceremony_purpose_mismatch");
        JsonNode options = api.post(tenant.path("/fido2/attestation/options"),
                Map.of("username", "crossed-new@example.com", "displayName", "New")).json();
        Response registration = api.post(tenant.path("/registration/verify"),
                SoftwareAuthenticator.create(ES256, PACKED_SELF).register(input(options)));
        assertProblem(registration, 400, "ceremony_purpose_mismatch");
    }

    private SoftwareAuthenticator registered(String username) {
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, PACKED_SELF);
        JsonNode options = api.post(tenant.path("/fido2/attestation/options"),
                Map.of("username", username, "displayName", username)).json();
        Response result = api.post(tenant.path("/fido2/attestation/result"),
                conformanceShape(authenticator.register(input(options))));
        assertThat(result.json().path("status").asString()).as(result.body()).isEqualTo("ok");
        return authenticator;
    }

    private static RegistrationInput input(JsonNode options) {
        return RegistrationInput.of(options.path("challenge").asString(), TenantFixture.ORIGIN, TenantFixture.RP_ID)
                .withUserHandle(Base64.getUrlDecoder().decode(options.path("user").path("id").asString()));
    }

    private static void assertFailed(Response response, String code) {
        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().path("status").asString()).isEqualTo("failed");
        assertThat(response.json().path("errorMessage").asString()).startsWith(code);
        Asserted.problem(code);
    }

    /** The conformance tools name the extension results member {@code getClientExtensionResults}. */
    private static String conformanceShape(String credentialJson) {
        var node = (tools.jackson.databind.node.ObjectNode) ApiClient.JSON.readTree(credentialJson);
        node.set("getClientExtensionResults", node.remove("clientExtensionResults"));
        node.remove("authenticatorAttachment");
        return node.toString();
    }

    private static String cookie(Response response) {
        return response.raw().headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }
}
