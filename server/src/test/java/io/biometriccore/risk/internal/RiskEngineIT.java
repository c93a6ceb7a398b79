package io.biometriccore.risk.internal;

import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.RiskPolicy;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The risk engine in the ceremonies, through the public API: a test signal bean, whose points each test
 * sets per customer, makes a sign-in {@code step_up} (the session at the weakest level, the answer
 * naming the level to step up to) or {@code deny} ({@code risk_denied}); a step-up then has to reach
 * the tenant's {@code risk.stepUpAcr}; a success is remembered in the customer's history.
 */
class RiskEngineIT extends PostgresIntegrationTest {

    /** Points by customer id; a customer not in it gets none. */
    static final Map<UUID, Integer> POINTS = new ConcurrentHashMap<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class TestSignal {
        @Bean
        RiskSignal testSignal() {
            return new RiskSignal() {
                @Override
                public String name() {
                    return "test";
                }

                @Override
                public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
                    Integer points = attempt.customerId() == null ? null : POINTS.get(attempt.customerId());
                    return points == null ? List.of() : List.of(RiskContribution.of(name(), "test_points", points,
                            "a sign-in the test found risky", points + " points"));
                }
            };
        }
    }

    @Autowired
    JdbcClient jdbc;

    /** A new version of the tenant's policy document, its {@code risk} member replaced. */
    private void withRisk(String tenantId, Map<String, Object> risk) {
        String policy = "/v1/admin/tenants/" + tenantId + "/policy";
        ObjectNode document = (ObjectNode) api.admin("GET", policy, null).json().path("document");
        document.set("risk", JsonMapper.builder().build().valueToTree(risk));
        BankFixture.require(api.admin("PUT", policy, Map.of("document", document, "author", "risk-it",
                "reason", "the risk engine's test")), 201);
    }

    private static String someone() {
        return "risk" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aSignInAskedToStepUpOpensItsSessionAtTheWeakestLevelAndSaysWhichLevelToStepUpTo() {
        BankFixture bank = BankFixture.create(api, "risk-step-up", Map.of(), Map.of());
        SoftwareAuthenticator key = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        String username = someone();
        POINTS.put(bank.enrolled(username, key), 70);

        Response signedIn = bank.signIn(key, username);

        BankFixture.require(signedIn, 200);
        assertThat(signedIn.json().path("acr").asString()).isEqualTo("aal1");
        assertThat(signedIn.json().path("stepUpAcr").asString()).isEqualTo("aal2");
    }

    @Test
    void aStepUpAskedToStepUpMustReachTheStepUpAcrAndThenRaisesTheSession() {
        BankFixture bank = BankFixture.create(api, "risk-step-up-acr", Map.of(), Map.of());
        SoftwareAuthenticator key = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        String username = someone();
        POINTS.put(bank.enrolled(username, key), 70);
        JsonNode restricted = bank.tokens(key, username);

        Response steppedUp = bank.signIn(key, username, Map.of(), TenantFixture.ORIGIN, UnaryOperator.identity(),
                "Authorization", "Bearer " + restricted.path("access_token").asString());

        BankFixture.require(steppedUp, 200);
        assertThat(steppedUp.json().path("acr").asString()).isEqualTo("aal2");
        assertThat(steppedUp.json().has("stepUpAcr")).as("a step-up is not asked to step up again").isFalse();
    }

    @Test
    void aStepUpThatCannotReachTheStepUpAcrIsRefused() {
        BankFixture bank = BankFixture.create(api, "risk-step-up-high", Map.of(), Map.of());
        withRisk("risk-step-up-high", Map.of("stepUpAcr", "aal3"));
        SoftwareAuthenticator key = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        String username = someone();
        POINTS.put(bank.enrolled(username, key), 70);
        JsonNode restricted = bank.tokens(key, username);

        assertProblem(bank.signIn(key, username, Map.of(), TenantFixture.ORIGIN, UnaryOperator.identity(),
                "Authorization", "Bearer " + restricted.path("access_token").asString()), 403, "acr_not_met");
    }

    @Test
    void aSignInScoredAboveDenyAboveIsRefusedWithoutNamingTheSignal() {
        BankFixture bank = BankFixture.create(api, "risk-deny", Map.of(), Map.of());
        SoftwareAuthenticator key = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        String username = someone();
        POINTS.put(bank.enrolled(username, key), 95);

        Response refused = bank.signIn(key, username);

        assertProblem(refused, 403, "risk_denied");
        assertThat(refused.body()).doesNotContain("test_points");
    }

    @Test
    void aSignInWithoutRiskIsAllowedAtItsLevelAndRememberedInTheCustomersHistory() {
        BankFixture bank = BankFixture.create(api, "risk-allow", Map.of(), Map.of());
        SoftwareAuthenticator key = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        String username = someone();
        UUID customer = bank.enrolled(username, key);

        JsonNode tokens = bank.tokens(key, username);
        bank.tokens(key, username);

        assertThat(tokens.path("acr").asString()).isEqualTo("aal2");
        assertThat(tokens.has("stepUpAcr")).isFalse();
        assertThat(jdbc.sql("SELECT successes FROM risk_history WHERE tenant_id = 'risk-allow' AND customer_id = :c")
                .param("c", customer).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aRegistrationAskedToStepUpIsRefusedForTheBankToConfirmTheCustomer() {
        BankFixture bank = BankFixture.create(api, "risk-register", Map.of(), Map.of());
        UUID customer = bank.createCustomer(someone());
        POINTS.put(customer, 70);

        assertProblem(bank.register(SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE),
                bank.grant(customer), UnaryOperator.identity()), 403, "risk_step_up_required");
    }
}
