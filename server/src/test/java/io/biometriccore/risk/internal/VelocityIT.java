package io.biometriccore.risk.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The velocity signal in the ceremonies, on one node with the in-memory store: after the policy's
 * number of failed sign-ins of a customer in the window the next sign-in steps up, and after more it is
 * refused; the reason is the customer's failures (taking its points and floor away allows the same).
 * {@code RedisVelocityIT} runs the same across two nodes sharing Redis.
 */
class VelocityIT extends PostgresIntegrationTest {

    /** Two failures of a customer ask for a step-up, four refuse; the credential's are not counted. */
    static final Map<String, Object> CUSTOMER_FAILURES = Map.of("velocity", Map.of("failures", Map.of(
            "customer", Map.of("stepUpAfter", 2, "denyAfter", 4),
            "credential", Map.of("stepUpAfter", 1000, "denyAfter", 1000))));

    @Test
    void failuresOfTheCustomerStepTheNextSignInUpAndThenDenyIt() {
        Scenario scenario = Scenario.on(api, api, "velocity-" + suffix(), CUSTOMER_FAILURES);

        scenario.fail(2);
        Response steppedUp = scenario.signIn();
        BankFixture.require(steppedUp, 200);
        assertThat(steppedUp.json().path("acr").asString()).isEqualTo("aal1");
        assertThat(steppedUp.json().path("stepUpAcr").asString()).isEqualTo("aal2");
        assertThat(RecordedDecisions.reasons(api, scenario.tenantId(), "step_up")).contains("customer_failures");

        scenario.fail(2);
        assertProblem(scenario.signIn(), 403, "risk_denied");
        JsonNode top = RecordedDecisions.latest(api, scenario.tenantId(), "deny").path("contributions").get(0);
        assertThat(top.path("reason").asString()).isEqualTo("customer_failures");
        assertThat(top.path("detail").asString()).isEqualTo("4 failures of the customer within 15 min");

        assertProblem(scenario.signIn(), 403, "risk_denied");
        assertThat(RecordedDecisions.latest(api, scenario.tenantId(), "deny").path("contributions").get(0)
                .path("detail").asString()).as("a refusal of the engine's own is not a failure counted")
                .isEqualTo("4 failures of the customer within 15 min");
    }

    @Test
    void withoutTheCustomersFailuresPointsAndFloorTheSameSignInIsAllowed() {
        Map<String, Object> risk = new LinkedHashMap<>(CUSTOMER_FAILURES);
        risk.put("scores", Map.of("customer_failures", 0));
        risk.put("outcomes", Map.of("customer_failures", "allow"));
        Scenario scenario = Scenario.on(api, api, "velocity-allowed-" + suffix(), risk);

        scenario.fail(4);
        Response allowed = scenario.signIn();

        BankFixture.require(allowed, 200);
        assertThat(allowed.json().has("stepUpAcr")).isFalse();
    }

    @Test
    void fewerFailuresThanThePolicysLeaveTheSignInAlone() {
        Scenario scenario = Scenario.on(api, api, "velocity-few-" + suffix(), CUSTOMER_FAILURES);

        scenario.fail(1);
        Response signedIn = scenario.signIn();

        BankFixture.require(signedIn, 200);
        assertThat(signedIn.json().has("stepUpAcr")).isFalse();
    }

    @Test
    void wrongCrossChannelCodesAreFailuresOfTheCustomerAndStepTheNextSignInUp() {
        Scenario scenario = Scenario.on(api, api, "velocity-code-" + suffix(), CUSTOMER_FAILURES);
        String phoneToken = scenario.signIn().json().path("access_token").asString();
        String id = api.post(scenario.signing().path("/cross-channel"), null).json().path("id").asString();
        Response options = api.post(scenario.signing().path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken);
        BankFixture.require(options, 200);
        JsonNode assertion = ApiClient.JSON.readTree(scenario.key().authenticate(AuthenticationInput.of(
                options.json().path("publicKey").path("challenge").asString(), TenantFixture.ORIGIN,
                TenantFixture.RP_ID)));

        for (int i = 0; i < 2; i++) {
            assertProblem(api.post(scenario.signing().path("/cross-channel/" + id + "/approval"),
                    Map.of("userCode", "AAAA-AAAA", "credential", assertion), "Authorization", "Bearer " + phoneToken),
                    403, "cross_channel_code_mismatch");
        }
        Response steppedUp = scenario.signIn();

        BankFixture.require(steppedUp, 200);
        assertThat(steppedUp.json().path("stepUpAcr").asString()).isEqualTo("aal2");
        assertThat(RecordedDecisions.reasons(api, scenario.tenantId(), "step_up")).contains("customer_failures");
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A customer of a new tenant with {@code risk} as its policy's risk member, whose failures are
     * sent to one node and whose sign-ins to another (the same one for a single node).
     */
    record Scenario(BankFixture failing, BankFixture signing, SoftwareAuthenticator key, String username) {

        static Scenario on(ApiClient failingNode, ApiClient signingNode, String tenantId, Map<String, Object> risk) {
            BankFixture failing = BankFixture.create(failingNode, tenantId, Map.of(), Map.of());
            failing.withRisk(risk);
            SoftwareAuthenticator key = SoftwareAuthenticator.create(SoftwareAuthenticator.KeyType.ES256,
                    SoftwareAuthenticator.Attestation.NONE);
            String username = "velocity-" + suffix();
            failing.enrolled(username, key);
            return new Scenario(failing, BankFixture.on(signingNode, failing), key, username);
        }

        void fail(int times) {
            UnaryOperator<AuthenticationInput> corrupt = in -> in.withCorruptSignature(true);
            for (int i = 0; i < times; i++) {
                assertProblem(failing.signIn(key, username, Map.of(), TenantFixture.ORIGIN, corrupt), 400,
                        "signature_invalid");
            }
        }

        Response signIn() {
            return signing.signIn(key, username);
        }

        String tenantId() {
            return failing.tenantId();
        }
    }
}
