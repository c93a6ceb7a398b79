package io.biometriccore.ratelimits;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static io.biometriccore.testsupport.ProblemAssert.assertProblemWithRetryAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.biometriccore.audit.internal.FailureAggregator;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import io.biometriccore.testsupport.TenantFixture;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The rate limits over HTTP with the default store, memory. Each test has a tenant of its own. */
@Import({MutableClockConfiguration.class, RateLimitsIT.FailureEvents.class})
class RateLimitsIT extends PostgresIntegrationTest {

    private static final List<String> LOOPBACK = BankFixture.LOOPBACK;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry metrics;

    @Autowired
    FailureAggregator aggregator;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FailureEvents failureEvents;

    @Test
    void answers429WithRetryAfterOnceTheAddressHasSpentItsRequests() {
        BankFixture bank = bank(Map.of("addressRequests", limit(3, "PT1H")));

        for (int i = 0; i < 3; i++) {
            assertThat(usernamelessOptions(bank).status()).isEqualTo(200);
        }
        Response refused = usernamelessOptions(bank);

        assertThat(assertProblemWithRetryAfter(refused, 429, "rate_limited")).isBetween(1L, 3600L);
    }

    @Test
    void refusalsAreAuditedAsOneAggregatedEventPerLimitAndDoNotCountAsFailures() {
        BankFixture bank = bank(Map.of("addressRequests", limit(2, "PT1M"), "addressFailures", limit(1, "PT1H")));
        aggregator.flush();
        for (int i = 0; i < 2; i++) {
            assertThat(usernamelessOptions(bank).status()).isEqualTo(200);
        }
        for (int i = 0; i < 25; i++) {
            assertProblem(usernamelessOptions(bank), 429, "rate_limited");
        }

        aggregator.flush();

        assertThat(jdbc.sql("""
                SELECT event_type, reason, outcome, occurrences FROM audit_event WHERE tenant_id = :tenant
                 AND event_type = 'rate_limit.exceeded'""").param("tenant", bank.tenantId())
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4))).list())
                .containsExactly(List.of("rate_limit.exceeded", "address_requests", "failure", 25));
        Asserted.event("rate_limit.exceeded");
        clock.advance(Duration.ofMinutes(1));
        assertThat(usernamelessOptions(bank).status()).as("the refusals spent none of the address's one failure")
                .isEqualTo(200);
    }

    @Test
    void everyAnonymousRouteDrawsOnTheSameAddressBudget() {
        BankFixture bank = bank(Map.of("addressRequests", limit(3, "PT1H")));

        assertThat(api.get(bank.path("/.well-known/jwks.json")).status()).isEqualTo(200);
        assertThat(bank.refresh("rt_unknown").status()).isNotEqualTo(429);
        assertThat(usernamelessOptions(bank).status()).isEqualTo(200);

        assertProblem(api.post(bank.path("/cross-channel"), null), 429, "rate_limited");
        assertProblem(api.post(bank.path("/registration/options"), Map.of(), "Authorization", "Bearer eg_made-up"),
                429, "rate_limited");
    }

    @Test
    void theConformanceRoutesRefuseAsProblemDetailsWithRetryAfterToo() {
        String tenantId = uniqueTenantId();
        Map<String, Object> definition = definition(Map.of("addressRequests", limit(1, "PT1H")));
        definition.put("openEnrollment", true);
        definition.put("conformanceProfile", true);
        api.putTenant(tenantId, definition);
        Map<String, Object> options = Map.of("username", "alice", "userVerification", "preferred");
        String path = "/v1/tenants/" + tenantId + "/fido2/assertion/options";

        assertThat(api.post(path, options).status()).isNotEqualTo(429);
        Response refused = api.post(path, options);

        assertProblemWithRetryAfter(refused, 429, "rate_limited");
    }

    @Test
    void theConformanceAssertionResultAnswersASpentUsername429WithRetryAfter() {
        String tenantId = uniqueTenantId();
        Map<String, Object> definition = definition(Map.of("usernameFailures", limit(1, "PT15M")));
        definition.put("openEnrollment", true);
        definition.put("conformanceProfile", true);
        api.putTenant(tenantId, definition);
        SoftwareAuthenticator stranger = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        Response first = conformanceSignIn(tenantId, stranger, "nobody@example.com");
        Response beyond = conformanceSignIn(tenantId, stranger, "nobody@example.com");

        assertThat(first.status()).isEqualTo(400);
        assertThat(first.json().path("errorMessage").asString()).startsWith("credential_unknown");
        assertThat(beyond.status()).isEqualTo(429);
        assertThat(beyond.json().path("status").asString()).isEqualTo("failed");
        assertThat(beyond.json().path("errorMessage").asString()).startsWith("rate_limited");
        assertThat(beyond.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void theTenantCeilingCountsEveryAddressTogether() {
        BankFixture bank = bank(Map.of("tenantRequests", limit(2, "PT1H"), "exemptNetworks", LOOPBACK));

        assertThat(usernamelessOptions(bank).status()).isEqualTo(200);
        assertThat(usernamelessOptions(bank).status()).isEqualTo(200);

        assertProblem(usernamelessOptions(bank), 429, "rate_limited");
    }

    @Test
    void exemptNetworksBypassThePerAddressLimits() {
        BankFixture bank = bank(Map.of("addressRequests", limit(2, "PT1H"), "addressFailures", limit(1, "PT1H"),
                "exemptNetworks", LOOPBACK));
        SoftwareAuthenticator stranger = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        for (int i = 0; i < 3; i++) {
            assertProblem(unknownCredentialSignIn(bank, stranger), 400, "credential_unknown");
        }
    }

    @Test
    void successfulSignInsOfMoreCustomersThanAnyFailureLimitFromOneAddressAllSucceed() {
        BankFixture bank = bank(Map.of("addressFailures", limit(2, "PT1H"), "usernameFailures", limit(1, "PT1H")));
        List<SoftwareAuthenticator> phones = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
            bank.enrolled("customer-" + i, phone);
            phones.add(phone);
        }

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < phones.size(); i++) {
                assertThat(bank.signIn(phones.get(i), "customer-" + i).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aSpentUsernameStillGetsItsOptionsAndItsOwnerStillSignsIn() {
        BankFixture bank = bank(Map.of("usernameFailures", limit(3, "PT15M")));
        SoftwareAuthenticator alice = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("alice", alice);
        Response usual = usernameOptions(bank, "alice");

        for (int i = 0; i < 3; i++) {
            assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");
        }
        assertProblem(failedSignIn(bank, alice, "alice"), 429, "rate_limited");
        Response options = usernameOptions(bank, "alice");

        assertThat(options.status()).isEqualTo(200);
        assertThat(options.json().propertyNames()).isEqualTo(usual.json().propertyNames());
        assertThat(options.json().path("allowCredentials")).isEqualTo(usual.json().path("allowCredentials"));
        assertThat(options.json().path("userVerification")).isEqualTo(usual.json().path("userVerification"));
        assertThat(options.raw().headers().firstValue("Retry-After")).isEmpty();
        for (int i = 0; i < 3; i++) {
            assertThat(bank.signIn(alice, "alice").status()).isEqualTo(200);
        }
    }

    @Test
    void failuresBeyondAUsernamesBudgetAreAnswered429WithoutTheirReason() {
        BankFixture bank = bank(Map.of("usernameFailures", limit(2, "PT15M")));
        SoftwareAuthenticator alice = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        SoftwareAuthenticator bob = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("alice", alice);
        bank.enrolled("bob", bob);

        assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");
        assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");
        Response beyond = failedSignIn(bank, alice, "alice");
        Response otherReason = bank.signIn(alice, "alice", Map.of(), "https://evil.example", UnaryOperator.identity());

        assertThat(assertProblemWithRetryAfter(beyond, 429, "rate_limited")).isBetween(1L, 900L);
        assertThat(beyond.body()).doesNotContain("signature");
        assertProblem(otherReason, 429, "rate_limited");
        assertThat(otherReason.body()).doesNotContain("origin");
        assertProblem(failedSignIn(bank, bob, "bob"), 400, "signature_invalid");
        assertThat(bank.signIn(bob, "bob").status()).isEqualTo(200);
    }

    @Test
    void eachFailureBeyondTheUsernamesBudgetIsOneFailureEventWithItsReason() {
        BankFixture bank = bank(Map.of("usernameFailures", limit(1, "PT15M")));
        SoftwareAuthenticator alice = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("alice", alice);

        assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");
        assertProblem(failedSignIn(bank, alice, "alice"), 429, "rate_limited");
        assertProblem(bank.signIn(alice, "alice", Map.of(), "https://evil.example", UnaryOperator.identity()),
                429, "rate_limited");

        assertThat(failureEvents.of(bank.tenantId())).extracting(SecurityEvent::type, SecurityEvent::reason)
                .containsExactly(tuple(SecurityEventType.AUTHENTICATION_FAILED, "signature_invalid"),
                        tuple(SecurityEventType.AUTHENTICATION_FAILED, "signature_invalid"),
                        tuple(SecurityEventType.AUTHENTICATION_FAILED, "origin_not_allowed"));
    }

    @Test
    void failuresAnswered429ForTheUsernameStillCountAgainstTheAddress() {
        BankFixture bank = bank(Map.of("usernameFailures", limit(1, "PT15M"), "addressFailures", limit(3, "PT1H")));
        SoftwareAuthenticator alice = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("alice", alice);

        assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");
        assertProblem(failedSignIn(bank, alice, "alice"), 429, "rate_limited");
        assertProblem(failedSignIn(bank, alice, "alice"), 429, "rate_limited");

        assertProblem(usernamelessOptions(bank), 429, "rate_limited");
    }

    @Test
    void successfulSignInsNeverConsumeTheUsernameLimit() {
        BankFixture bank = bank(Map.of("usernameFailures", limit(2, "PT15M")));
        SoftwareAuthenticator alice = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("alice", alice);

        for (int i = 0; i < 4; i++) {
            assertThat(bank.signIn(alice, "alice").status()).isEqualTo(200);
        }
        assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");
        assertThat(bank.signIn(alice, "alice").status()).isEqualTo(200);
        assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");

        assertProblem(failedSignIn(bank, alice, "alice"), 429, "rate_limited");
    }

    @Test
    void aStepUpWithTheCustomersAccessTokenIsNeitherCountedNorAnswered429UnderTheUsername() {
        BankFixture bank = bank(Map.of("usernameFailures", limit(1, "PT15M")));
        SoftwareAuthenticator alice = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("alice", alice);
        String accessToken = bank.tokens(alice, "alice").path("access_token").asString();

        assertProblem(failedStepUp(bank, alice, accessToken), 400, "signature_invalid");
        assertProblem(failedStepUp(bank, alice, accessToken), 400, "signature_invalid");
        assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");
        assertProblem(failedSignIn(bank, alice, "alice"), 429, "rate_limited");
        assertProblem(failedStepUp(bank, alice, accessToken), 400, "signature_invalid");

        Response stepUp = bank.signIn(alice, "alice", Map.of(), TenantFixture.ORIGIN, UnaryOperator.identity(),
                "Authorization", "Bearer " + accessToken);

        assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
    }

    @Test
    void anUnknownUsernameIsLimitedLikeAKnownOneSoTheLimitRevealsNobody() {
        BankFixture bank = bank(Map.of("usernameFailures", limit(1, "PT15M")));
        SoftwareAuthenticator stranger = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        SoftwareAuthenticator alice = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("alice", alice);

        assertProblem(bank.signIn(stranger, "nobody"), 400, "credential_unknown");
        assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");
        Response nobody = bank.signIn(stranger, "nobody");
        Response known = failedSignIn(bank, alice, "alice");

        assertProblem(nobody, 429, "rate_limited");
        assertProblem(known, 429, "rate_limited");
        assertThat(nobody.json()).isEqualTo(known.json());
        assertThat(usernameOptions(bank, "nobody").status()).isEqualTo(200);
    }

    @Test
    void aSpentUsernameLimitRefillsOverItsPeriod() {
        BankFixture bank = bank(Map.of("usernameFailures", limit(1, "PT15M")));
        SoftwareAuthenticator alice = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("alice", alice);
        assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");
        assertProblem(failedSignIn(bank, alice, "alice"), 429, "rate_limited");

        clock.advance(Duration.ofMinutes(15));

        assertProblem(failedSignIn(bank, alice, "alice"), 400, "signature_invalid");
    }

    @Test
    void anAddressThatSpentItsFailuresIsRefusedOnTheAnonymousRoutes() {
        BankFixture bank = bank(Map.of("addressFailures", limit(2, "PT1H")));
        SoftwareAuthenticator stranger = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        assertProblem(unknownCredentialSignIn(bank, stranger), 400, "credential_unknown");
        assertProblem(unknownCredentialSignIn(bank, stranger), 400, "credential_unknown");

        assertProblem(usernamelessOptions(bank), 429, "rate_limited");
        assertProblem(bank.refresh("rt_unknown"), 429, "rate_limited");
    }

    @Test
    void rejectionsAreCountedByLimitKind() {
        BankFixture bank = bank(Map.of("addressRequests", limit(1, "PT1H")));
        double before = rejected("address_requests");

        usernamelessOptions(bank);
        usernamelessOptions(bank);

        assertThat(rejected("address_requests")).isEqualTo(before + 1);
    }

    @Test
    void rateLimitsRoundTripThroughTheAdminApi() {
        String tenantId = uniqueTenantId();
        api.putTenant(tenantId, definition(Map.of("addressFailures", limit(7, "PT2M"),
                "exemptNetworks", List.of("10.0.0.0/8", "2001:db8::/32"))));

        JsonNode limits = api.admin("GET", "/v1/admin/tenants/" + tenantId, null).json().path("rateLimits");

        assertThat(limits.path("addressFailures").path("requests").asLong()).isEqualTo(7);
        assertThat(Duration.parse(limits.path("addressFailures").path("period").asString()))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(limits.path("usernameFailures").path("requests").asLong()).isEqualTo(10);
        assertThat(Duration.parse(limits.path("usernameFailures").path("period").asString()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(limits.path("addressRequests").path("requests").asLong()).isEqualTo(2000);
        assertThat(limits.path("tenantRequests").path("requests").asLong()).isEqualTo(10000);
        assertThat(limits.path("exemptNetworks").valueStream().map(JsonNode::asString))
                .containsExactly("10.0.0.0/8", "2001:db8::/32");
    }

    @SendsBadInput("rate limits out of the contract's bounds")
    @Test
    void rejectsZeroNegativeAndAbsurdLimitsAsTenantInvalid() {
        List<Map<String, Object>> invalid = List.of(
                Map.of("addressRequests", limit(0, "PT1M")),
                Map.of("usernameFailures", limit(-3, "PT1M")),
                Map.of("tenantRequests", limit(1_000_000_000_000L, "PT1S")),
                Map.of("addressFailures", limit(10, "PT0S")),
                Map.of("addressFailures", limit(10, "-PT1M")),
                Map.of("addressFailures", limit(10, "P400D")),
                Map.of("addressFailures", Map.of("requests", 10)),
                Map.of("exemptNetworks", List.of("10.0.0.0")),
                Map.of("exemptNetworks", List.of("10.0.0.0/33")),
                Map.of("exemptNetworks", List.of("localhost/8")));

        for (Map<String, Object> rateLimits : invalid) {
            Response response = api.admin("PUT", "/v1/admin/tenants/" + uniqueTenantId(), definition(rateLimits));
            assertProblem(response, 400, "tenant_invalid");
        }
    }

    private Response failedSignIn(BankFixture bank, SoftwareAuthenticator phone, String username) {
        UnaryOperator<AuthenticationInput> corrupt = in -> in.withCorruptSignature(true);
        return bank.signIn(phone, username, Map.of(), TenantFixture.ORIGIN, corrupt);
    }

    /** A step-up for the customer of {@code accessToken}, with a corrupt signature. */
    private Response failedStepUp(BankFixture bank, SoftwareAuthenticator phone, String accessToken) {
        UnaryOperator<AuthenticationInput> corrupt = in -> in.withCorruptSignature(true);
        return bank.signIn(phone, "alice", Map.of(), TenantFixture.ORIGIN, corrupt,
                "Authorization", "Bearer " + accessToken);
    }

    /** A FIDO2 conformance-profile sign-in, options then result, in the conformance tools' shape. */
    private Response conformanceSignIn(String tenantId, SoftwareAuthenticator phone, String username) {
        String path = "/v1/tenants/" + tenantId + "/fido2/assertion/";
        String challenge = api.post(path + "options", Map.of("username", username)).json().path("challenge")
                .asString();
        ObjectNode assertion = (ObjectNode) ApiClient.JSON.readTree(phone.authenticate(
                AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID)));
        assertion.set("getClientExtensionResults", assertion.remove("clientExtensionResults"));
        assertion.remove("authenticatorAttachment");
        return api.post(path + "result", assertion.toString());
    }

    private Response usernameOptions(BankFixture bank, String username) {
        return api.post(bank.path("/authentication/options"), Map.of("username", username));
    }

    /** A usernameless sign-in with a passkey the tenant has never seen: a failure without a username. */
    private Response unknownCredentialSignIn(BankFixture bank, SoftwareAuthenticator stranger) {
        Response options = usernamelessOptions(bank);
        if (options.status() != 200) {
            return options;
        }
        String challenge = options.json().path("challenge").asString();
        return api.post(bank.path("/authentication/verify"), stranger.authenticate(
                AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID)));
    }

    private Response usernamelessOptions(BankFixture bank) {
        return api.post(bank.path("/authentication/options"), Map.of());
    }

    /** Every failed security event, as the ceremonies publish it, by tenant. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FailureEvents {

        private final Queue<SecurityEvent> failures = new ConcurrentLinkedQueue<>();

        @EventListener
        void on(SecurityEvent event) {
            if (!event.success()) {
                failures.add(event);
            }
        }

        List<SecurityEvent> of(String tenantId) {
            return failures.stream().filter(e -> e.tenantId().equals(tenantId)).toList();
        }
    }

    private double rejected(String kind) {
        return metrics.counter("biometric.rate_limits.rejected", "limit", kind).count();
    }

    /** A bank tenant, as {@link BankFixture} creates it, with these rate limits. */
    private BankFixture bank(Map<String, Object> rateLimits) {
        String tenantId = uniqueTenantId();
        BankFixture bank = BankFixture.create(api, tenantId, Map.of(), Map.of());
        api.putTenant(tenantId, definition(rateLimits));
        return bank;
    }

    private static Map<String, Object> definition(Map<String, Object> rateLimits) {
        Map<String, Object> definition = new LinkedHashMap<>(Map.of("rpId", TenantFixture.RP_ID,
                "rpName", "Example Bank", "allowedOrigins", List.of(TenantFixture.ORIGIN),
                "policy", Map.of("allowNoneAttestation", true, "allowSelfAttestation", true,
                        "residentKey", "required")));
        definition.put("rateLimits", rateLimits);
        return definition;
    }

    private static Map<String, Object> limit(long requests, String period) {
        return Map.of("requests", requests, "period", period);
    }

    private static String uniqueTenantId() {
        return "rl-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
