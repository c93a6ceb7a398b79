package io.biometriccore.examples.denylist;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.RiskSignal;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The example plugin in the whole server: found by {@link java.util.ServiceLoader} (its service entry
 * is on the test class path, and it is no Spring bean), configured by its system property with a deny
 * list this test writes, it changes the decision of a sign-in from a listed range (the client's address
 * taken from {@code X-Forwarded-For}, as behind a proxy), and the tenant's policy tunes its reason.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class DenyListPluginIT extends PostgresIntegrationTest {

    private static final String LISTED = "198.51.100.7";
    private static final String ELSEWHERE = "203.0.113.7";

    static {
        // Before the context (and so the engine's ServiceLoader) starts; cleared once this class is done,
        // so that the contexts of the other tests load the plugin inert.
        System.setProperty(DenyListSignal.FILE_PROPERTY, denyList().toString());
    }

    @Autowired
    private ApplicationContext context;

    @AfterAll
    static void forgetTheDenyList() {
        System.clearProperty(DenyListSignal.FILE_PROPERTY);
    }

    @Test
    void theEngineRunsThePluginFromTheServiceLoaderNotFromSpring() {
        assertThat(context.getBeansOfType(RiskSignal.class).values()).isNotEmpty()
                .noneMatch(DenyListSignal.class::isInstance);
        Customer customer = customer(Map.of());

        BankFixture.require(signIn(customer, LISTED), 200);

        JsonNode decision = latestDecision(customer.bank(), "step_up");
        assertThat(decision.path("contributions").get(0).path("signal").asString()).isEqualTo("deny_list");
    }

    @Test
    void aSignInFromAListedRangeOpensARestrictedSessionAndRecordsThePluginsReason() {
        Customer customer = customer(Map.of());

        Response signedIn = signIn(customer, LISTED);

        BankFixture.require(signedIn, 200);
        assertThat(signedIn.json().path("acr").asString()).isEqualTo("aal1");
        assertThat(signedIn.json().path("stepUpAcr").asString()).isEqualTo("aal2");
        JsonNode listed = latestDecision(customer.bank(), "step_up").path("contributions").get(0);
        assertThat(listed.path("reason").asString()).isEqualTo("deny_listed_network");
        assertThat(listed.path("score").asInt()).isEqualTo(40);
        assertThat(listed.path("floor").asString()).isEqualTo("step_up");
        assertThat(listed.path("detail").asString()).isEqualTo("deny list line 2");
    }

    @Test
    void aSignInFromElsewhereIsNotJudgedByTheList() {
        Customer customer = customer(Map.of());

        Response signedIn = signIn(customer, ELSEWHERE);

        BankFixture.require(signedIn, 200);
        assertThat(signedIn.json().has("stepUpAcr")).isFalse();
        assertThat(reasons(latestDecision(customer.bank(), "allow"))).doesNotContain("deny_listed_network");
    }

    @Test
    void aTenantWhoseOutcomeForTheReasonIsDenyRefusesTheSignIn() {
        Customer customer = customer(Map.of("outcomes", Map.of("deny_listed_network", "deny")));

        assertProblem(signIn(customer, LISTED), 403, "risk_denied");
        assertThat(reasons(latestDecision(customer.bank(), "deny"))).contains("deny_listed_network");
    }

    @Test
    void aTenantThatDisablesTheSignalAllowsTheSignIn() {
        Customer customer = customer(Map.of("disabledSignals", List.of("deny_list")));

        Response signedIn = signIn(customer, LISTED);

        BankFixture.require(signedIn, 200);
        assertThat(signedIn.json().has("stepUpAcr")).isFalse();
        assertThat(reasons(latestDecision(customer.bank(), "allow"))).doesNotContain("deny_listed_network");
    }

    private Customer customer(Map<String, Object> risk) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        BankFixture bank = BankFixture.create(api, "deny-list-" + suffix, Map.of(), Map.of());
        bank.withRisk(risk);
        SoftwareAuthenticator key = SoftwareAuthenticator.create(SoftwareAuthenticator.KeyType.ES256,
                SoftwareAuthenticator.Attestation.NONE);
        String username = "customer-" + suffix;
        bank.enrolled(username, key);
        return new Customer(bank, key, username);
    }

    private JsonNode latestDecision(BankFixture bank, String outcome) {
        Response page = api.admin("GET", "/v1/admin/tenants/" + bank.tenantId() + "/risk/decisions?decision="
                + outcome + "&limit=1", null);
        BankFixture.require(page, 200);
        return page.json().path("items").get(0);
    }

    private static List<String> reasons(JsonNode decision) {
        return decision.path("contributions").valueStream().map(c -> c.path("reason").asString()).toList();
    }

    private static Path denyList() {
        try {
            Path file = Files.createTempFile("deny-list", ".txt");
            Files.write(file, List.of("# the test's deny list", "198.51.100.0/24", "KP"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A username-first sign-in whose options and result both come "from" {@code ip}. */
    private Response signIn(Customer customer, String ip) {
        Response started = api.post(customer.bank().path("/authentication/options"),
                Map.of("username", customer.username()), "X-Forwarded-For", ip);
        BankFixture.require(started, 200);
        String assertion = customer.key().authenticate(AuthenticationInput.of(
                started.json().path("challenge").asString(), TenantFixture.ORIGIN, TenantFixture.RP_ID));
        return api.post(customer.bank().path("/authentication/verify"), assertion, "X-Forwarded-For", ip);
    }

    private record Customer(BankFixture bank, SoftwareAuthenticator key, String username) {
    }
}
