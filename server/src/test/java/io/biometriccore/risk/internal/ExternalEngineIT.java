package io.biometriccore.risk.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.DevicePosture;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.internal.RiskEngineReceiver.Answer;
import io.biometriccore.tenancy.DecisionFacts;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The external risk engine end to end, against an engine on 127.0.0.1 that verifies every signature:
 * its administration, the signed facts it is sent, its answer as the {@code external} signal's
 * contribution, and every way it can fail (a timeout, an outage, a malformed answer, an open circuit)
 * leading to the tenant's fallback; and its effect on a sign-in through the risk engine (a deny refuses
 * it, an outage steps it up). The circuit's wait passes on a {@link MutableClock}; the breaker
 * opens after two calls of which one failed. Each test has its own tenant and path.
 */
@DirtiesContext
@Import(MutableClockConfiguration.class)
class ExternalEngineIT extends PostgresIntegrationTest {

    private static final Duration WAIT_IN_OPEN_STATE = Duration.ofSeconds(30);
    private static final String CLIENT_IP = "203.0.113.77";
    private static final String DENY = """
            {"score": 95, "decision": "deny", "reasons": [
              {"code": "mule_account", "explanation": "a payment to an account known to receive stolen funds"}]}""";
    private static final String ALLOW = """
            {"score": 5, "decision": "allow", "reasons": []}""";
    private static final RiskEngineReceiver engine = RiskEngineReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("biometric.risk.external.allow-http", () -> "true");
        registry.add("biometric.risk.external.minimum-calls", () -> "2");
        registry.add("biometric.risk.external.sliding-window", () -> "2");
        registry.add("biometric.risk.external.half-open-calls", () -> "1");
        registry.add("biometric.risk.external.wait-in-open-state", () -> WAIT_IN_OPEN_STATE.toString());
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Autowired
    private ExternalEngineSignal signal;

    @Autowired
    private MutableClock clock;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    @Test
    void theSecretIsAnsweredOnceAndTheEngineReadsBackWithoutIt() {
        String tenant = tenant("rk-config");
        Response created = api.admin("PUT", route(tenant), Map.of("url", engine.url("/config")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        String secret = created.json().path("secret").asString();
        assertThat(secret).matches("rksec_[A-Za-z0-9_-]{43}");
        assertThat(created.json().path("timeout").asString()).isEqualTo("PT1S");
        assertThat(created.json().path("fallback").asString()).isEqualTo("step_up");

        JsonNode read = expect(api.admin("GET", route(tenant), null), 200).json();
        assertThat(read.has("secret")).isFalse();
        assertThat(read.toString()).doesNotContain(secret);
        assertThat(read.path("circuit").asString()).isEqualTo("closed");
        assertThat(new String(storedSecret(tenant), StandardCharsets.ISO_8859_1))
                .doesNotContain(secret.substring("rksec_".length()));

        Response replaced = api.admin("PUT", route(tenant),
                Map.of("url", engine.url("/config-2"), "timeout", "PT0.5S", "fallback", "allow"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().has("secret")).isFalse();
        assertThat(replaced.json().path("timeout").asString()).isEqualTo("PT0.5S");
        assertThat(replaced.json().path("fallback").asString()).isEqualTo("allow");
        assertThat(auditReasons(tenant, "risk_engine.configured"))
                .containsExactly("created:fallback_step_up", "updated:fallback_allow");
        Asserted.event("risk_engine.configured");
    }

    @Test
    void aRemovedEngineIsAuditedAndNoLongerCalled() {
        String tenant = tenant("rk-removed");
        configured(tenant, "/removed", Map.of());
        engine.answer("/removed", new Answer(200, ALLOW, 0));

        expect(api.admin("DELETE", route(tenant), null), 204);

        assertProblem(api.admin("GET", route(tenant), null), 404, "risk_engine_not_found");
        assertProblem(api.admin("DELETE", route(tenant), null), 404, "risk_engine_not_found");
        assertThat(signal.evaluate(attempt(tenant), RiskPolicy.defaults())).isEmpty();
        assertThat(engine.requests("/removed")).isEmpty();
        assertThat(auditReasons(tenant, "risk_engine.removed")).hasSize(1);
        Asserted.event("risk_engine.removed");
    }

    @Test
    void anotherTenantsEngineIsNotFound() {
        String owner = tenant("rk-owner");
        String other = tenant("rk-other");
        configured(owner, "/owner", Map.of());

        assertProblem(api.admin("GET", route(other), null), 404, "risk_engine_not_found");
        assertProblem(api.admin("GET", route("rk-nobody"), null), 404, "tenant_not_found");
    }

    @Test
    @SendsBadInput("a fallback the contract does not list")
    void aTimeoutAboveTwoSecondsAnUnknownFallbackOrANonHttpsUrlIsRefused() {
        String tenant = tenant("rk-invalid");

        assertProblem(api.admin("PUT", route(tenant), Map.of("url", engine.url("/x"), "timeout", "PT2.001S")), 400,
                "invalid_request");
        assertProblem(api.admin("PUT", route(tenant), Map.of("url", engine.url("/x"), "timeout", "soon")), 400,
                "invalid_request");
        assertProblem(api.admin("PUT", route(tenant), Map.of("url", engine.url("/x"), "fallback", "maybe")), 400,
                "invalid_request");
        assertProblem(api.admin("PUT", route(tenant), Map.of("url", "ftp://fraud.bank.example/assess")), 400,
                "webhook_url_invalid");
        assertProblem(api.admin("GET", route(tenant), null), 404, "risk_engine_not_found");
    }

    @Test
    void theEnginesAnswerIsItsContributionToSignedFactsWithoutTheAddress() {
        String tenant = tenant("rk-answer");
        configured(tenant, "/answer", Map.of());
        engine.answer("/answer", new Answer(200, DENY, 0));
        RiskAttempt attempt = attempt(tenant);

        List<RiskContribution> found = signal.evaluate(attempt, RiskPolicy.defaults());

        assertThat(found).containsExactly(new RiskContribution("external", "external_engine", 95, RiskOutcome.DENY,
                "a payment to an account known to receive stolen funds", "engine decision deny: mule_account"));
        RiskEngineReceiver.Request request = engine.requests("/answer").getFirst();
        assertThat(request.verified()).isTrue();
        assertThat(request.body()).doesNotContain(CLIENT_IP);
        JsonNode facts = ApiClient.JSON.readTree(request.body());
        assertThat(facts.path("tenantId").asString()).isEqualTo(tenant);
        assertThat(facts.path("action").asString()).isEqualTo("register");
        assertThat(facts.path("customerId").asString()).isEqualTo(attempt.customerId().toString());
        assertThat(facts.path("place").path("network").asString()).isEqualTo("203.0.113.0/24");
        assertThat(facts.path("place").path("country").asString()).isEqualTo("FR");
        assertThat(facts.path("posture").path("rooted").asBoolean()).isTrue();
        assertThat(facts.path("posture").path("trust").asString()).isEqualTo("claimed");
        assertThat(facts.path("history").path("knownCountry").asBoolean()).isTrue();
        assertThat(facts.path("history").path("knownNetwork").asBoolean()).isFalse();
        assertThat(facts.path("authenticator").path("aaguid").asString()).isEqualTo(attempt.authenticator().aaguid().toString());
    }

    @Test
    void aSlowEngineGivesTheDefaultFallbackOfStepUp() {
        String tenant = tenant("rk-slow");
        configured(tenant, "/slow", Map.of("timeout", "PT0.2S"));
        engine.answer("/slow", new Answer(200, ALLOW, 3_000));
        double before = failures("timeout");

        List<RiskContribution> found = signal.evaluate(attempt(tenant), RiskPolicy.defaults());

        assertThat(found).containsExactly(unavailable(RiskOutcome.STEP_UP, "engine timeout, fallback step_up"));
        assertThat(failures("timeout")).isEqualTo(before + 1);
    }

    @Test
    void anEngineThatIsDownGivesTheTenantsFallbackOfDeny() throws IOException {
        String tenant = tenant("rk-down");
        String url = "http://127.0.0.1:" + closedPort() + "/down";
        expect(api.admin("PUT", route(tenant), Map.of("url", url, "fallback", "deny")), 201);

        List<RiskContribution> found = signal.evaluate(attempt(tenant), RiskPolicy.defaults());

        assertThat(found).containsExactly(unavailable(RiskOutcome.DENY, "engine error, fallback deny"));
    }

    @Test
    void anEngineAnsweringAnErrorOrAMalformedAnswerGivesTheFallbackNeverAnAllow() {
        String tenant = tenant("rk-malformed");
        configured(tenant, "/malformed", Map.of());
        double before = failures("malformed");

        for (String malformed : List.of("{\"score\": 150, \"decision\": \"allow\", \"reasons\": []}",
                "{\"score\": 5, \"decision\": \"allow\"}", "{\"score\": 5, \"decision\": \"yes\", \"reasons\": []}",
                "{\"score\": 5, \"decision\": \"allow\", \"reasons\": [], \"extra\": 1}", "allow",
                ALLOW + " {}")) {
            engine.answer("/malformed", new Answer(200, malformed, 0));
            expect(api.admin("PUT", route(tenant), Map.of("url", engine.url("/malformed"))), 200);
            assertThat(signal.evaluate(attempt(tenant), RiskPolicy.defaults()))
                    .containsExactly(unavailable(RiskOutcome.STEP_UP, "engine malformed, fallback step_up"));
        }
        engine.answer("/malformed", new Answer(503, ALLOW, 0));
        assertThat(signal.evaluate(attempt(tenant), RiskPolicy.defaults()))
                .containsExactly(unavailable(RiskOutcome.STEP_UP, "engine error, fallback step_up"));
        assertThat(failures("malformed")).isEqualTo(before + 6);
    }

    @Test
    void aFallbackOfAllowAddsNoFloorOnlyWhenTheTenantChoseIt() {
        String tenant = tenant("rk-allow");
        configured(tenant, "/allow", Map.of("fallback", "allow"));
        engine.answer("/allow", new Answer(500, "", 0));

        assertThat(signal.evaluate(attempt(tenant), RiskPolicy.defaults()))
                .containsExactly(unavailable(null, "engine error, fallback allow"));
    }

    @Test
    void anOpenCircuitStopsTheCallsAndClosesAgainAfterItsWait() {
        String tenant = tenant("rk-circuit");
        configured(tenant, "/circuit", Map.of());
        engine.answer("/circuit", new Answer(500, "", 0));
        signal.evaluate(attempt(tenant), RiskPolicy.defaults());
        signal.evaluate(attempt(tenant), RiskPolicy.defaults());
        assertThat(circuit(tenant)).isEqualTo("open");

        engine.answer("/circuit", new Answer(200, ALLOW, 0));
        assertThat(signal.evaluate(attempt(tenant), RiskPolicy.defaults()))
                .containsExactly(unavailable(RiskOutcome.STEP_UP, "engine circuit_open, fallback step_up"));
        assertThat(engine.requests("/circuit")).hasSize(2);

        clock.advance(WAIT_IN_OPEN_STATE.plusSeconds(1));
        assertThat(signal.evaluate(attempt(tenant), RiskPolicy.defaults())).extracting(RiskContribution::reason)
                .containsExactly("external_engine");
        assertThat(engine.requests("/circuit")).hasSize(3);
        assertThat(circuit(tenant)).isEqualTo("closed");
    }

    @Test
    void anEngineThatDeniesRefusesTheSignInWithoutNamingItsReasons() {
        BankFixture bank = BankFixture.create(api, "rk-sign-in-deny", Map.of(), Map.of());
        SoftwareAuthenticator key = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "alice" + UUID.randomUUID().toString().substring(0, 8);
        bank.enrolled(username, key);
        configured(bank.tenantId(), "/sign-in-deny", Map.of());
        engine.answer("/sign-in-deny", new Answer(200, DENY, 0));

        Response refused = bank.signIn(key, username);

        assertProblem(refused, 403, "risk_denied");
        assertThat(refused.body()).doesNotContain("mule_account").doesNotContain("stolen funds");
        assertThat(engine.requests("/sign-in-deny")).singleElement().satisfies(request -> {
            assertThat(request.verified()).isTrue();
            assertThat(ApiClient.JSON.readTree(request.body()).path("action").asString()).isEqualTo("signIn");
        });
    }

    @Test
    void anEngineThatIsDownOpensTheSignInsSessionAtTheWeakestLevelUnderTheDefaultFallback() throws IOException {
        BankFixture bank = BankFixture.create(api, "rk-sign-in-down", Map.of(), Map.of());
        SoftwareAuthenticator key = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "bob" + UUID.randomUUID().toString().substring(0, 8);
        bank.enrolled(username, key);
        expect(api.admin("PUT", route(bank.tenantId()),
                Map.of("url", "http://127.0.0.1:" + closedPort() + "/down")), 201);

        Response signedIn = bank.signIn(key, username);

        BankFixture.require(signedIn, 200);
        assertThat(signedIn.json().path("acr").asString()).isEqualTo("aal1");
        assertThat(signedIn.json().path("stepUpAcr").asString()).isEqualTo("aal2");
    }

    private RiskAttempt attempt(String tenant) {
        DecisionFacts facts = DecisionFacts.of(UUID.randomUUID(), "none", "none", true, false, false, false, Set.of());
        Place place = new Place(Place.Source.IP_DATABASE, null, "FR", "203.0.113.0/24");
        CustomerHistory history = new CustomerHistory(3, clock.instant().minusSeconds(3_600), null, Set.of("AS64500"),
                Set.of("FR"), Set.of(), CustomerHistory.NONE.hours());
        return new RiskAttempt(tenant, RiskAction.REGISTER, clock.instant(), UUID.randomUUID(), null, facts, 0,
                CLIENT_IP, "Mozilla/5.0", place, new DevicePosture(DevicePosture.Trust.CLAIMED, true, null, null),
                null, history);
    }

    private static RiskContribution unavailable(RiskOutcome floor, String detail) {
        return new RiskContribution("external", "external_unavailable", 0, floor,
                "an attempt the bank's risk engine could not check", detail);
    }

    private String tenant(String id) {
        BankFixture.create(api, id, Map.of(), Map.of());
        return id;
    }

    private void configured(String tenant, String path, Map<String, String> settings) {
        Map<String, String> body = new HashMap<>(settings);
        body.put("url", engine.url(path));
        engine.secret(path, expect(api.admin("PUT", route(tenant), body), 201).json().path("secret").asString());
    }

    private String circuit(String tenant) {
        return expect(api.admin("GET", route(tenant), null), 200).json().path("circuit").asString();
    }

    private double failures(String cause) {
        return meters.get("biometric.risk.external.failures").tag("cause", cause).counter().count();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Response expect(Response response, int status) {
        BankFixture.require(response, status);
        return response;
    }

    private static String route(String tenant) {
        return "/v1/admin/tenants/" + tenant + "/risk/engine";
    }

    private byte[] storedSecret(String tenant) {
        return jdbc.sql("SELECT wrapped_secret FROM risk_engine WHERE tenant_id = :t").param("t", tenant)
                .query(byte[].class).single();
    }

    private List<String> auditReasons(String tenant, String type) {
        return jdbc.sql("SELECT reason FROM audit_event WHERE tenant_id = :t AND event_type = :type ORDER BY id")
                .param("t", tenant).param("type", type).query(String.class).list();
    }
}
