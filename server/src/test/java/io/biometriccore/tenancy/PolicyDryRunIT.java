package io.biometriccore.tenancy;

import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dry run (docs/policy.md "Dry run"): a history of real registrations and sign-ins over HTTP, and a
 * refusal recorded through the recording code; refusals the policy made over HTTP recorded beside them, re-evaluated under candidate documents. One call reads
 * at most five decisions here, in pages of two, so every answer below is followed through its cursors.
 */
@TestPropertySource(properties = {"biometric.policy.dry-run.page-size=2", "biometric.policy.dry-run.max-decisions=5"})
class PolicyDryRunIT extends PostgresIntegrationTest {

    /** The AAGUID of the test kit's packed self attestation. */
    private static final String SELF_AAGUID = "5f3e8b2a-9c41-4d7e-b6a0-1c2d3e4f5a6b";
    private static final String ZERO_AAGUID = "00000000-0000-0000-0000-000000000000";
    /** A model the tenant denies today, refused once. */
    private static final UUID DENIED = UUID.fromString("0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f");

    @Autowired
    PolicyDecisions decisions;

    @Autowired
    JdbcClient jdbc;

    private String tenantId;
    private TenantFixture tenant;

    /**
     * Seven decisions: three registrations (two with {@code none}, one packed self), three sign-ins (one
     * without UV, which the tenant's {@code signIn: preferred} allows) and one registration of
     * {@link #DENIED} refused with {@code authenticator_denied}.
     */
    @BeforeEach
    void history() {
        tenantId = "dry-" + UUID.randomUUID().toString().substring(0, 8);
        tenant = TenantFixture.create(api, tenantId, Map.of());
        amend(d -> {
            ((ObjectNode) d.get("authenticators")).putArray("aaguidDeny").add(DENIED.toString());
            ((ObjectNode) d.get("userVerification")).put("signIn", "preferred");
        });
        SoftwareAuthenticator alice = tenant.enrolled(SoftwareAuthenticator.create(ES256, Attestation.NONE), "alice");
        SoftwareAuthenticator bob = tenant.enrolled(SoftwareAuthenticator.create(ES256, Attestation.NONE), "bob");
        SoftwareAuthenticator carol = tenant.enrolled(SoftwareAuthenticator.create(ES256, Attestation.PACKED_SELF),
                "carol");
        assertThat(tenant.authenticate(alice, "alice").status()).isEqualTo(200);
        assertThat(tenant.authenticate(bob, "bob", in -> in.withUserVerified(false)).status()).isEqualTo(200);
        assertThat(tenant.authenticate(carol, "carol").status()).isEqualTo(200);
        decisions.record(tenantId, PolicyAction.REGISTER, "authenticator_denied", null,
                DecisionFacts.of(DENIED, "packed", "trusted", true, false, false, true, Set.of()));
    }

    @Test
    void recordsEachDecisionWithTheFactsItWasMadeOn() {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT action, outcome, facts FROM policy_decision WHERE tenant_id = :t ORDER BY decided_at, id""")
                .param("t", tenantId).query().listOfRows();

        assertThat(rows).extracting(r -> r.get("action") + "/" + r.get("outcome")).containsExactly(
                "register/allowed", "register/allowed", "register/allowed", "signIn/allowed", "signIn/allowed",
                "signIn/allowed", "register/authenticator_denied");
        assertThat((String) rows.get(2).get("facts")).contains(SELF_AAGUID, "\"trust\":\"self\"");
        assertThat((String) rows.get(4).get("facts")).contains(ZERO_AAGUID, "\"userVerified\":false");
    }

    @Test
    void aCandidateDenyingAModelChangesExactlyThatModelsDecisions() {
        Map<String, Object> result = dryRun(candidate(d -> ((ObjectNode) d.get("authenticators"))
                .putArray("aaguidDeny").add(SELF_AAGUID)));

        assertThat(result.get("evaluated")).isEqualTo(7);
        assertThat(result.get("changed")).isEqualTo(2);
        assertThat(result.get("wouldAllow")).isEqualTo(1);
        assertThat(result.get("wouldRefuse")).isEqualTo(Map.of("authenticator_denied", 1));
        @SuppressWarnings("unchecked")
        List<JsonNode> examples = (List<JsonNode>) result.get("examples");
        assertThat(examples).extracting(e -> e.at("/facts/aaguid").asString() + " " + e.path("outcome").asString()
                + " -> " + e.path("candidateOutcome").asString())
                .containsExactlyInAnyOrder(SELF_AAGUID + " allowed -> authenticator_denied",
                        DENIED + " authenticator_denied -> allowed");
    }

    @Test
    void aCandidateRequiringUserVerificationForSignInChangesTheSignInsWithoutIt() {
        Map<String, Object> result = dryRun(candidate(d -> ((ObjectNode) d.get("userVerification"))
                .put("signIn", "required")));

        assertThat(result.get("evaluated")).isEqualTo(7);
        assertThat(result.get("changed")).isEqualTo(1);
        assertThat(result.get("wouldAllow")).isEqualTo(0);
        assertThat(result.get("wouldRefuse")).isEqualTo(Map.of("user_verification_required", 1));
        @SuppressWarnings("unchecked")
        List<JsonNode> examples = (List<JsonNode>) result.get("examples");
        assertThat(examples).singleElement().satisfies(e -> {
            assertThat(e.path("action").asString()).isEqualTo("signIn");
            assertThat(e.at("/facts/userVerified").asBoolean()).isFalse();
        });
    }

    @Test
    void recordsASignInThePolicyRefusedWhichALaxerCandidateWouldAllow() {
        amend(d -> ((ObjectNode) d.get("userVerification")).put("signIn", "required"));
        SoftwareAuthenticator dave = tenant.enrolled(SoftwareAuthenticator.create(ES256, Attestation.NONE), "dave");
        assertProblem(tenant.authenticate(dave, "dave", in -> in.withUserVerified(false)), 400,
                "user_verification_required");

        Map<String, Object> result = dryRun(candidate(d -> ((ObjectNode) d.get("userVerification"))
                .put("signIn", "preferred")));

        assertThat(result.get("evaluated")).isEqualTo(9);
        assertThat(result.get("changed")).isEqualTo(1);
        assertThat(result.get("wouldAllow")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<JsonNode> examples = (List<JsonNode>) result.get("examples");
        assertThat(examples).singleElement().satisfies(e -> {
            assertThat(e.path("outcome").asString()).isEqualTo("user_verification_required");
            assertThat(e.path("candidateOutcome").asString()).isEqualTo("allowed");
        });
    }

    @Test
    void recordsAnApprovalWithItsAmountWhichALowerTrustedAttestationThresholdWouldRefuse() {
        tenantId = "dry-pay-" + UUID.randomUUID().toString().substring(0, 8);
        BankFixture bank = BankFixture.withSigning(api, tenantId, Map.of(), Map.of("evidenceRetention", "P10Y"));
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(ES256, Attestation.PACKED_SELF);
        UUID customerId = bank.enrolled("payer", phone);
        String[] bearer = {"Authorization", "Bearer " + bank.tokens(phone, "payer").path("access_token").asString()};
        Response registered = bank.backend("POST", "/transactions", Map.of("customerId", customerId.toString(),
                "type", "payment", "amount", Map.of("value", "1000.01", "currency", "EUR"),
                "payee", Map.of("name", "ACME GmbH", "account", "DE89370400440532013000"), "reference", "INV-1"));
        String id = registered.json().path("id").asString();
        Response options = api.post(bank.path("/transactions/" + id + "/approval/options"), null, bearer);
        String assertion = phone.authenticate(AuthenticationInput.of(options.json().at("/publicKey/challenge")
                .asString(), TenantFixture.ORIGIN, TenantFixture.RP_ID));
        BankFixture.require(api.post(bank.path("/transactions/" + id + "/approval"), assertion, bearer), 200);

        Map<String, Object> result = dryRun(candidate(d -> ((ObjectNode) d.get("transactionSigning"))
                .putObject("trustedAttestationAbove").put("EUR", 100000)));

        assertThat(result.get("evaluated")).as("registration, sign-in, approval").isEqualTo(3);
        assertThat(result.get("wouldRefuse")).isEqualTo(Map.of("signing_policy_trusted_attestation_required", 1));
        @SuppressWarnings("unchecked")
        List<JsonNode> examples = (List<JsonNode>) result.get("examples");
        assertThat(examples).singleElement().satisfies(e -> {
            assertThat(e.path("action").asString()).isEqualTo("approveTransaction");
            assertThat(e.at("/facts/amountMinor").asLong()).isEqualTo(100001);
            assertThat(e.at("/facts/currency").asString()).isEqualTo("EUR");
        });
    }

    @Test
    void recordsARegistrationThePolicyRefusedWhichALaxerCandidateWouldAllow() {
        amend(d -> ((ArrayNode) d.at("/authenticators/aaguidDeny")).add(SELF_AAGUID));
        assertProblem(tenant.register(SoftwareAuthenticator.create(ES256, Attestation.PACKED_SELF), "erin"), 400,
                "authenticator_denied");
        awaitDecisions(8);

        Map<String, Object> result = dryRun(candidate(d -> ((ObjectNode) d.get("authenticators"))
                .putArray("aaguidDeny").add(DENIED.toString())));

        assertThat(result.get("evaluated")).isEqualTo(8);
        assertThat(result.get("changed")).isEqualTo(1);
        assertThat(result.get("wouldAllow")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<JsonNode> examples = (List<JsonNode>) result.get("examples");
        assertThat(examples).singleElement().satisfies(e -> {
            assertThat(e.path("action").asString()).isEqualTo("register");
            assertThat(e.path("outcome").asString()).isEqualTo("authenticator_denied");
            assertThat(e.path("candidateOutcome").asString()).isEqualTo("allowed");
            assertThat(e.at("/facts/aaguid").asString()).isEqualTo(SELF_AAGUID);
            assertThat(e.at("/facts/format").asString()).isEqualTo("packed");
            assertThat(e.at("/facts/trust").asString()).isEqualTo("self");
        });
    }

    @Test
    void doesNotRecordARefusalThatIsNotThePolicys() {
        SoftwareAuthenticator dave = tenant.enrolled(SoftwareAuthenticator.create(ES256, Attestation.NONE), "dave");
        long before = decisionCount();
        assertProblem(tenant.authenticate(dave, "dave", in -> in.withCorruptSignature(true)), 400, "signature_invalid");
        amend(d -> {
            ((ArrayNode) d.at("/authenticators/aaguidDeny")).add(ZERO_AAGUID);
            ((ObjectNode) d.get("userVerification")).put("register", "required");
        });
        assertProblem(tenant.register(SoftwareAuthenticator.create(ES256, Attestation.NONE), "frank",
                in -> in.withUserVerified(false)), 400, "user_verification_required");

        assertThat(decisionCount()).as("a bad signature, and UV refused before the attestation was assessed")
                .isEqualTo(before);
    }

    @Test
    void recordsAnApprovalTheDeviceBoundThresholdRefusedWhichAHigherThresholdWouldAllow() {
        tenantId = "dry-bound-" + UUID.randomUUID().toString().substring(0, 8);
        BankFixture bank = BankFixture.withSigning(api, tenantId, Map.of(),
                Map.of("deviceBoundAbove", Map.of("EUR", 100000), "evidenceRetention", "P10Y"));
        SoftwareAuthenticator synced = SoftwareAuthenticator.create(ES256, Attestation.NONE);
        UUID customerId = bank.createCustomer("payer");
        BankFixture.require(bank.register(synced, bank.grant(customerId),
                in -> in.withBackupEligible(true).withBackupState(true)), 200);
        UnaryOperator<AuthenticationInput> backedUp = in -> in.withBackupEligible(true).withBackupState(true);
        Response signedIn = bank.signIn(synced, "payer", Map.of(), TenantFixture.ORIGIN, backedUp);
        BankFixture.require(signedIn, 200);
        String[] bearer = {"Authorization", "Bearer " + signedIn.json().path("access_token").asString()};
        Response registered = bank.backend("POST", "/transactions", Map.of("customerId", customerId.toString(),
                "type", "payment", "amount", Map.of("value", "1000.01", "currency", "EUR"),
                "payee", Map.of("name", "ACME GmbH", "account", "DE89370400440532013000"), "reference", "INV-2"));
        String id = registered.json().path("id").asString();
        Response options = api.post(bank.path("/transactions/" + id + "/approval/options"), null, bearer);
        String assertion = synced.authenticate(backedUp.apply(AuthenticationInput.of(
                options.json().at("/publicKey/challenge").asString(), TenantFixture.ORIGIN, TenantFixture.RP_ID)));
        assertProblem(api.post(bank.path("/transactions/" + id + "/approval"), assertion, bearer), 403,
                "signing_policy_device_bound_required");
        awaitDecisions(3);

        Map<String, Object> result = dryRun(candidate(d -> ((ObjectNode) d.get("transactionSigning"))
                .putObject("deviceBoundAbove").put("EUR", 200000)));

        assertThat(result.get("evaluated")).as("registration, sign-in, refused approval").isEqualTo(3);
        assertThat(result.get("changed")).isEqualTo(1);
        assertThat(result.get("wouldAllow")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<JsonNode> examples = (List<JsonNode>) result.get("examples");
        assertThat(examples).singleElement().satisfies(e -> {
            assertThat(e.path("action").asString()).isEqualTo("approveTransaction");
            assertThat(e.path("outcome").asString()).isEqualTo("signing_policy_device_bound_required");
            assertThat(e.at("/facts/amountMinor").asLong()).isEqualTo(100001);
            assertThat(e.at("/facts/deviceBound").asBoolean()).isFalse();
        });
        assertThat(jdbc.sql("SELECT status FROM transactions WHERE tenant_id = :t")
                .param("t", tenantId).query(String.class).single()).as("the approval rolled back").isEqualTo("pending");
    }

    @Test
    void readsAtMostItsCapPerCallAndGoesOnFromTheCursor() {
        Response first = api.admin("POST", path(), Map.of("document", candidate(d -> { }), "days", 1));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("evaluated").asInt()).isEqualTo(5);
        assertThat(first.json().path("changed").asInt()).isEqualTo(0);
        Response second = api.admin("POST", path(), Map.of("document", candidate(d -> { }), "days", 1,
                "cursor", first.json().path("nextCursor").asString()));

        assertThat(second.json().path("evaluated").asInt()).isEqualTo(2);
        assertThat(second.json().has("nextCursor")).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :t AND event_type = 'policy.dry_run'")
                .param("t", tenantId).query(Long.class).single()).isEqualTo(2);
        Asserted.event("policy.dry_run");
    }

    @Test
    void refusesAnInvalidCandidateNamingTheJsonPointerOfEachError() {
        Response refused = api.admin("POST", path(), Map.of("document",
                Map.of("authenticators", Map.of("aaguidDeny", List.of("not-an-aaguid")))));

        assertProblem(refused, 400, "policy_invalid");
        assertThat(refused.json().path("errors").get(0).path("pointer").asString())
                .isEqualTo("/authenticators/aaguidDeny/0");
    }

    @Test
    void refusesACursorThisApiDidNotReturn() {
        assertProblem(api.admin("POST", path(), Map.of("document", candidate(d -> { }), "cursor", "yesterday")), 400,
                "invalid_request");
    }

    /**
     * A refusal inside a transaction is recorded once that transaction has ended, on a connection of its own
     * (SeparateTransactions), so the test waits for it.
     */
    private void awaitDecisions(long expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> decisionCount() >= expected);
    }

    private long decisionCount() {
        return jdbc.sql("SELECT count(*) FROM policy_decision WHERE tenant_id = :t").param("t", tenantId)
                .query(Long.class).single();
    }

    private String path() {
        return "/v1/admin/tenants/" + tenantId + "/policy/dry-run";
    }

    private ObjectNode candidate(Consumer<ObjectNode> change) {
        ObjectNode document = (ObjectNode) api.admin("GET", "/v1/admin/tenants/" + tenantId + "/policy", null).json()
                .path("document").deepCopy();
        change.accept(document);
        return document;
    }

    private void amend(Consumer<ObjectNode> change) {
        Response put = api.admin("PUT", "/v1/admin/tenants/" + tenantId + "/policy", Map.of("document",
                candidate(change), "author", "risk-office", "reason", "dry-run history"));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
    }

    /** The whole answer, its pages followed through their cursors and added up. */
    private Map<String, Object> dryRun(ObjectNode document) {
        Map<String, Object> total = new HashMap<>(Map.of("evaluated", 0, "changed", 0, "wouldAllow", 0));
        Map<String, Integer> wouldRefuse = new HashMap<>();
        List<JsonNode> examples = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> body = new HashMap<>(Map.of("document", document));
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            Response page = api.admin("POST", path(), body);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (String count : List.of("evaluated", "changed", "wouldAllow")) {
                total.merge(count, page.json().path(count).asInt(), (a, b) -> (Integer) a + (Integer) b);
            }
            page.json().path("wouldRefuse").properties()
                    .forEach(e -> wouldRefuse.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
            page.json().path("examples").forEach(examples::add);
            cursor = page.json().has("nextCursor") ? page.json().path("nextCursor").asString() : null;
        } while (cursor != null);
        total.put("wouldRefuse", wouldRefuse);
        total.put("examples", examples);
        return total;
    }
}
