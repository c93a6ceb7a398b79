package io.biometriccore.sessions;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.AttestationCa;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Assurance levels and step-up (RFC 9470): a synced passkey reaches aal2; a device-bound passkey with
 * trusted hardware attestation reaches aal3. A session below the level asked for gets
 * {@code step_up_required}; a step-up keeps the session, whose {@code acr} and {@code auth_time} become
 * those of the step-up.
 */
class StepUpIT extends PostgresIntegrationTest {

    private static final AttestationCa HARDWARE = AttestationCa.generate("Bank Hardware Keys");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path anchors = Files.createTempDirectory("step-up-anchors");
        HARDWARE.writeRootPem(anchors);
        registry.add("biometric.attestation.trust-anchors-dir", anchors::toString);
    }

    private BankFixture bank;
    private String username;
    private UUID customerId;
    private SoftwareAuthenticator syncedPasskey;
    private SoftwareAuthenticator securityKey;

    @BeforeEach
    void customerWithTwoPasskeys() {
        customerWithTwoPasskeys(BankFixture.create(api, "stepup-bank", Map.of(), Map.of()));
    }

    private void customerWithTwoPasskeys(BankFixture tenant) {
        bank = tenant;
        username = "user" + System.nanoTime();
        customerId = bank.createCustomer(username);
        syncedPasskey = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        BankFixture.require(bank.register(syncedPasskey, bank.grant(customerId),
                input -> input.withBackupEligible(true).withBackupState(true)), 200);
        securityKey = SoftwareAuthenticator.create(KeyType.ES256, HARDWARE);
        Response registered = bank.register(securityKey, bank.grant(customerId), UnaryOperator.identity());
        BankFixture.require(registered, 200);
        assertThat(registered.json().path("attestationTrust").asString()).isEqualTo("TRUSTED");
    }

    @Test
    void aSyncedPasskeyReachesAal2AndADeviceBoundAttestedOneAal3() {
        JsonNode synced = signIn(syncedPasskey);
        JsonNode bound = bank.signIn(securityKey, username).json();

        assertThat(synced.path("acr").asString()).isEqualTo("aal2");
        assertThat(synced.path("amr").valueStream().map(JsonNode::asString)).contains("swk");
        assertThat(bound.path("acr").asString()).isEqualTo("aal3");
        assertThat(bound.path("amr").valueStream().map(JsonNode::asString)).containsExactly("hwk", "user", "mfa");
    }

    @Test
    void anAal2SessionAskingForAal3IsToldToStepUpAndTheSameSessionIsRaised() {
        JsonNode session = signIn(syncedPasskey);
        String accessToken = session.path("access_token").asString();

        Response check = bank.me("GET", "/session?acr_values=aal3", accessToken, null);

        assertThat(check.status()).isEqualTo(401);
        assertCode(check, "step_up_required");
        assertThat(check.json().path("acr_values").asString()).isEqualTo("aal3");
        assertThat(check.raw().headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("insufficient_user_authentication").contains("acr_values=\"aal3\"");

        Response stepUp = bank.signIn(securityKey, username, Map.of("acr_values", "aal3"), TenantFixture.ORIGIN,
                UnaryOperator.identity(), "Authorization", "Bearer " + accessToken);

        assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
        assertThat(stepUp.json().path("session_id").asString()).isEqualTo(session.path("session_id").asString());
        assertThat(stepUp.json().path("acr").asString()).isEqualTo("aal3");
        String raised = stepUp.json().path("access_token").asString();
        JsonNode introspection = bank.introspect(raised).json();
        assertThat(introspection.path("acr").asString()).isEqualTo("aal3");
        assertThat(introspection.path("sid").asString()).isEqualTo(session.path("session_id").asString());
        assertThat(introspection.path("auth_time").asLong())
                .isGreaterThanOrEqualTo(bank.introspect(accessToken).json().path("auth_time").asLong());
        assertThat(bank.me("GET", "/session?acr_values=aal3", raised, null).status()).isEqualTo(200);
    }

    @Test
    void aStepUpWithASyncedPasskeyDoesNotReachAal3() {
        JsonNode session = signIn(syncedPasskey);

        Response stepUp = bank.signIn(syncedPasskey, username, Map.of("acr_values", "aal3"), TenantFixture.ORIGIN,
                input -> input.withBackupEligible(true).withBackupState(true),
                "Authorization", "Bearer " + session.path("access_token").asString());

        assertThat(stepUp.status()).isEqualTo(403);
        assertCode(stepUp, "acr_not_met");
        assertThat(stepUp.json().path("acr").asString()).isEqualTo("aal2");
    }

    @Test
    void aWeakerStepUpLowersTheSessionSoThatItNoLongerPassesWhatNeedsTheStrongerPasskey() {
        customerWithTwoPasskeys(BankFixture.create(api, "stepdown-bank", Map.of(),
                Map.of("sensitiveActionAcr", "aal3")));
        JsonNode strong = bank.signIn(securityKey, username).json();
        assertThat(strong.path("acr").asString()).isEqualTo("aal3");

        Response weaker = bank.signIn(syncedPasskey, username, Map.of(), TenantFixture.ORIGIN,
                input -> input.withBackupEligible(true).withBackupState(true),
                "Authorization", "Bearer " + strong.path("access_token").asString());

        assertThat(weaker.status()).as(weaker.body()).isEqualTo(200);
        assertThat(weaker.json().path("session_id").asString()).isEqualTo(strong.path("session_id").asString());
        assertThat(weaker.json().path("acr").asString()).isEqualTo("aal2");
        String token = weaker.json().path("access_token").asString();
        assertThat(bank.introspect(token).json().path("acr").asString()).isEqualTo("aal2");
        String deviceId = bank.me("GET", "/devices", token, null).json().get(0).path("id").asString();
        Response revoke = bank.me("POST", "/devices/" + deviceId + "/revoke", token, null);
        assertThat(revoke.status()).isEqualTo(401);
        assertCode(revoke, "step_up_required");
        assertThat(revoke.json().path("acr_values").asString()).isEqualTo("aal3");
    }

    @Test
    void aStepUpReplacesTheSessionsRefreshToken() {
        JsonNode session = signIn(syncedPasskey);

        BankFixture.require(bank.signIn(securityKey, username, Map.of("acr_values", "aal3"), TenantFixture.ORIGIN,
                UnaryOperator.identity(), "Authorization", "Bearer " + session.path("access_token").asString()), 200);

        Response oldRefresh = bank.refresh(session.path("refresh_token").asString());
        assertThat(oldRefresh.status()).isEqualTo(401);
        assertCode(oldRefresh, "refresh_token_invalid");
    }

    @Test
    void anUnknownLevelIsRefused() {
        JsonNode session = signIn(syncedPasskey);

        Response check = bank.me("GET", "/session?acr_values=aal9", session.path("access_token").asString(), null);

        assertThat(check.status()).isEqualTo(400);
        assertCode(check, "acr_unknown");
    }

    @Test
    void aFreshSignInAskingForAal3WithASyncedPasskeyIsRefused() {
        Response signIn = bank.signIn(syncedPasskey, username, Map.of("acr_values", "aal3"), TenantFixture.ORIGIN,
                input -> input.withBackupEligible(true).withBackupState(true));

        assertThat(signIn.status()).isEqualTo(403);
        assertCode(signIn, "acr_not_met");
    }

    private JsonNode signIn(SoftwareAuthenticator authenticator) {
        Response response = bank.signIn(authenticator, username, Map.of(), TenantFixture.ORIGIN,
                input -> input.withBackupEligible(true).withBackupState(true));
        BankFixture.require(response, 200);
        return response.json();
    }
}
