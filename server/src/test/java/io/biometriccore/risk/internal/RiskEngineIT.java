package io.biometriccore.risk.internal;

import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.tenancy.RiskPolicy;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import io.biometriccore.webhooks.internal.WebhookReceiver;
import io.biometriccore.webhooks.internal.WebhookReceiver.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The risk engine in the ceremonies, through the public API: a test signal bean, whose points each test
 * sets per customer, makes a sign-in {@code step_up} (the session at the weakest level, the answer
 * naming the level to step up to) or {@code deny} ({@code risk_denied}); a step-up then has to reach
 * the tenant's {@code risk.stepUpAcr}; a success is remembered in the customer's history. Every decision
 * is recorded, audited when it is no {@code allow}, shown to the customer in plain words, listed and
 * counted for the analyst, and a deny tells the bank's webhook.
 */
class RiskEngineIT extends PostgresIntegrationTest {

    /** Points by customer id; a customer not in it gets none. */
    static final Map<UUID, Integer> POINTS = new ConcurrentHashMap<>();

    /** The attempts the test signal saw, by customer, the latest one. */
    static final Map<UUID, RiskAttempt> SEEN = new ConcurrentHashMap<>();

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
                    if (attempt.customerId() != null) {
                        SEEN.put(attempt.customerId(), attempt);
                    }
                    Integer points = attempt.customerId() == null ? null : POINTS.get(attempt.customerId());
                    return points == null ? List.of() : List.of(RiskContribution.of(name(), "test_points", points,
                            "a sign-in the test found risky", points + " points"));
                }
            };
        }
    }

    private static final WebhookReceiver receiver = WebhookReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("biometric.webhooks.allow-http", () -> "true");
        registry.add("biometric.webhooks.poll-interval", () -> "PT0.1S");
    }

    @AfterAll
    static void closeReceiver() {
        receiver.close();
    }

    @Autowired
    JdbcClient jdbc;

    /** A new version of the tenant's policy document, its {@code risk} member replaced. */
    private void withRisk(String tenantId, Map<String, Object> risk) {
        BankFixture.amendPolicy(api, tenantId, document -> document.set("risk", ApiClient.JSON.valueToTree(risk)));
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

    @Test
    void theAuditEventOfAStepUpCarriesItsSignalsAndTheActivityHistoryShowsThePlainLanguageReason() {
        BankFixture bank = BankFixture.create(api, "risk-explained", Map.of(), Map.of());
        SoftwareAuthenticator key = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        String username = someone();
        UUID customer = bank.enrolled(username, key);
        POINTS.put(customer, 70);

        BankFixture.require(bank.signIn(key, username), 200);

        assertThat(jdbc.sql("""
                SELECT reason FROM audit_event WHERE tenant_id = 'risk-explained' AND event_type = 'risk.assessed'""")
                .query(String.class).list()).containsExactly("step_up:test_points");
        Asserted.event("risk.assessed");
        JsonNode decision = api.admin("GET", "/v1/admin/tenants/risk-explained/risk/decisions", null).json()
                .path("items").get(0);
        assertThat(decision.path("outcome").asString()).isEqualTo("step_up");
        assertThat(decision.path("score").asInt()).as("the test signal's 70 and attestation_none's 10").isEqualTo(80);
        assertThat(decision.path("acr").asString()).isEqualTo("aal2");
        assertThat(decision.path("contributions").get(0).path("reason").asString()).isEqualTo("test_points");
        JsonNode history = bank.backend("GET", "/customers/" + customer + "/activity", null).json().path("items");
        assertThat(history.valueStream().map(i -> i.path("description").asString()))
                .contains("A sign-in the test found risky was asked to confirm");
    }

    @Test
    void aDenyTellsTheBanksWebhookWithTheActionAndTheReasons() {
        BankFixture bank = BankFixture.create(api, "risk-notify", Map.of(), Map.of());
        Response webhook = api.admin("PUT", "/v1/admin/tenants/risk-notify/webhook",
                Map.of("url", receiver.url("/risk-notify"), "types", List.of("risk.denied")));
        BankFixture.require(webhook, 201);
        receiver.secret("/risk-notify", webhook.json().path("secret").asString());
        SoftwareAuthenticator key = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        String username = someone();
        UUID customer = bank.enrolled(username, key);
        POINTS.put(customer, 95);

        assertProblem(bank.signIn(key, username), 403, "risk_denied");

        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.accepted("/risk-notify").isEmpty());
        Delivery told = receiver.accepted("/risk-notify").getFirst();
        assertThat(told.type()).isEqualTo(BankNotificationType.RISK_DENIED.wireName());
        Asserted.notification(BankNotificationType.RISK_DENIED.wireName());
        assertThat(told.json().path("subject").asString()).isEqualTo(customer.toString());
        assertThat(told.json().path("data").path("action").asString()).isEqualTo("signIn");
        assertThat(told.json().path("data").path("reasons").get(0).asString()).isEqualTo("test_points");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM risk_decision WHERE tenant_id = 'risk-notify' AND outcome = 'deny'""")
                .query(Long.class).single()).as("a deny is recorded on its own transaction").isEqualTo(1);
    }

    @Test
    void theAnalystFiltersDecisionsByCustomerOutcomeSignalAndTimeInPagesNewestFirst() {
        BankFixture bank = BankFixture.create(api, "risk-analyst", Map.of(), Map.of());
        SoftwareAuthenticator risky = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        SoftwareAuthenticator calm = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        String riskyName = someone();
        String calmName = someone();
        UUID riskyCustomer = bank.enrolled(riskyName, risky);
        bank.enrolled(calmName, calm);
        POINTS.put(riskyCustomer, 70);
        bank.tokens(risky, riskyName);
        bank.tokens(risky, riskyName);
        bank.tokens(calm, calmName);
        String decisions = "/v1/admin/tenants/risk-analyst/risk/decisions";

        JsonNode firstPage = api.admin("GET", decisions + "?limit=2", null).json();
        JsonNode secondPage = api.admin("GET", decisions + "?limit=2&cursor=" + firstPage.path("nextCursor").asString(),
                null).json();

        assertThat(firstPage.path("items")).hasSize(2);
        assertThat(firstPage.path("items").get(0).path("decidedAt").asString())
                .isGreaterThanOrEqualTo(firstPage.path("items").get(1).path("decidedAt").asString());
        assertThat(secondPage.path("items").valueStream().map(i -> i.path("id").asString()))
                .doesNotContainAnyElementsOf(firstPage.path("items").valueStream().map(i -> i.path("id").asString())
                        .toList());
        assertThat(api.admin("GET", decisions + "?signal=test_points", null).json().path("items")).hasSize(2)
                .allSatisfy(i -> assertThat(i.path("customerId").asString()).isEqualTo(riskyCustomer.toString()));
        assertThat(api.admin("GET", decisions + "?decision=step_up&customer=" + riskyCustomer, null).json()
                .path("items")).hasSize(2);
        assertThat(api.admin("GET", decisions + "?decision=deny", null).json().path("items")).isEmpty();
        assertThat(api.admin("GET", decisions + "?to=2020-01-01T00:00:00Z", null).json().path("items")).isEmpty();
        JsonNode summary = api.admin("GET", "/v1/admin/tenants/risk-analyst/risk/summary?bucket=day", null).json();
        assertThat(summary.path("items").get(0).path("decisions").path("step_up").asLong()).isEqualTo(2);
        assertThat(summary.path("items").get(0).path("decisions").path("allow").asLong())
                .as("the two registrations and the calm sign-in").isEqualTo(3);
        assertThat(summary.path("items").get(0).path("signals").path("test_points").asLong()).isEqualTo(2);
    }

    @Test
    void badFiltersAreRefusedAsInvalidRequests() {
        BankFixture.create(api, "risk-filters", Map.of(), Map.of());
        String risk = "/v1/admin/tenants/risk-filters/risk";

        assertProblem(api.admin("GET", risk + "/decisions?decision=maybe", null), 400, "invalid_request");
        assertProblem(api.admin("GET", risk + "/decisions?customer=alice", null), 400, "invalid_request");
        assertProblem(api.admin("GET", risk + "/decisions?signal=Not-A-Code", null), 400, "invalid_request");
        assertProblem(api.admin("GET", risk + "/decisions?from=yesterday", null), 400, "invalid_request");
        assertProblem(api.admin("GET", risk + "/decisions?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null),
                400, "invalid_request");
        assertProblem(api.admin("GET", risk + "/decisions?cursor=12.zz", null), 400, "invalid_request");
        assertProblem(api.admin("GET", risk + "/summary?bucket=week", null), 400, "invalid_request");
        assertProblem(api.admin("GET", risk + "/summary?from=2025-01-01T00:00:00Z&to=2026-12-01T00:00:00Z", null),
                400, "invalid_request");
    }

    @Test
    void aCrossChannelApprovalAskedToStepUpOpensTheBrowsersSessionAtTheWeakestLevel() {
        BankFixture bank = BankFixture.create(api, "risk-cross", Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        String username = someone();
        UUID customer = bank.enrolled(username, phone);
        String phoneToken = bank.tokens(phone, username).path("access_token").asString();
        POINTS.put(customer, 70);
        JsonNode request = api.post(bank.path("/cross-channel"), null).json();
        String id = request.path("id").asString();
        Response options = api.post(bank.path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken);
        String challenge = options.json().path("publicKey").path("challenge").asString();
        JsonNode assertion = ApiClient.JSON.readTree(phone.authenticate(SoftwareAuthenticator.AuthenticationInput.of(
                challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID)));
        BankFixture.require(api.post(bank.path("/cross-channel/" + id + "/approval"), Map.of("userCode",
                request.path("userCode").asString(), "credential", assertion), "Authorization", "Bearer " + phoneToken),
                204);

        Response claimed = api.post(bank.path("/cross-channel/" + id + "/token"), null,
                "Authorization", "Bearer " + request.path("pollSecret").asString());

        BankFixture.require(claimed, 200);
        assertThat(claimed.json().path("acr").asString()).isEqualTo("aal1");
        assertThat(SEEN.get(customer).requesterPlace()).as("where the browser asked from, as the locator put it")
                .isEqualTo(new Place(Place.Source.UNKNOWN, null, null, "127.0.0.0/24"));
    }

    @Test
    void anApprovalAskedToStepUpNeedsASessionAtTheStepUpAcrWithinTheSensitiveActionMaxAge() {
        BankFixture strict = BankFixture.withSigning(api, "risk-approve-strict", Map.of(), Map.of());
        withRisk("risk-approve-strict", Map.of("stepUpAcr", "aal3"));
        BankFixture usual = BankFixture.withSigning(api, "risk-approve", Map.of(), Map.of());

        Response refused = approveRiskily(strict);
        Response approved = approveRiskily(usual);

        assertProblem(refused, 401, "step_up_required");
        assertThat(refused.json().path("acr_values").asString()).isEqualTo("aal3");
        BankFixture.require(approved, 200);
        assertThat(approved.json().path("status").asString()).as("its session reached aal2 a moment ago")
                .isEqualTo("approved");
    }

    /** A customer signs in, then approves a payment that the test signal scores 70. */
    private Response approveRiskily(BankFixture bank) {
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(ES256, SoftwareAuthenticator.Attestation.NONE);
        String username = someone();
        UUID customer = bank.enrolled(username, phone);
        String token = bank.tokens(phone, username).path("access_token").asString();
        POINTS.put(customer, 70);
        Response registered = bank.backend("POST", "/transactions", Map.of("customerId", customer.toString(),
                "type", "payment", "amount", Map.of("value", "12.00", "currency", "EUR"),
                "payee", Map.of("name", "ACME GmbH", "account", "DE89370400440532013000")));
        BankFixture.require(registered, 201);
        String path = "/transactions/" + registered.json().path("id").asString() + "/approval";
        Response options = api.post(bank.path(path + "/options"), null, "Authorization", "Bearer " + token);
        BankFixture.require(options, 200);
        String assertion = phone.authenticate(SoftwareAuthenticator.AuthenticationInput.of(
                options.json().path("publicKey").path("challenge").asString(), TenantFixture.ORIGIN,
                TenantFixture.RP_ID));
        return api.post(bank.path(path), assertion, "Authorization", "Bearer " + token);
    }
}
