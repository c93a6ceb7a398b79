package io.biometriccore.audit;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.internal.FailureAggregator;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.SecureRandoms;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Failed checks are audited in aggregate (docs/adr/0025): garbage requests in one window cost a
 * handful of rows whose counts add up to the requests, and every kind of failed check shows up, after
 * the window ends, as an aggregated event of its type and reason. The window is an hour here, so that
 * only the test ends it, by flushing; and the aggregator keeps at most 4 keys (8 with the tenants'
 * buckets), so that its bound can be reached.
 */
@TestPropertySource(properties = {"biometric.audit.failure-window=PT1H", "biometric.audit.failure-max-keys=4"})
@ExtendWith(OutputCaptureExtension.class)
class FailedChecksAuditIT extends PostgresIntegrationTest {

    private static final String TENANT = "failed-checks";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private FailureAggregator aggregator;

    @Autowired
    private AuditImport audit;

    @Autowired
    private SealedEvents sealedEvents;

    @Autowired
    private ApplicationEventPublisher events;

    private BankFixture bank;
    private long mark;

    /** One row of the failures written since the mark. */
    record Failure(String type, String reason, int occurrences, UUID customerId, boolean network) {
    }

    @BeforeEach
    void tenant() {
        bank = BankFixture.exemptFromAddressLimits(api, TENANT, Map.of(), Map.of());
        aggregator.flush();
        mark = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
    }

    @Test
    void garbageSignInsAndBadTokensInOneWindowWriteOneAggregatedEventPerReason() {
        String path = bank.path("/authentication/verify");
        String garbage = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE).authenticate(
                AuthenticationInput.of(Base64Url.encode(SecureRandoms.bytes(32)), TenantFixture.ORIGIN,
                        TenantFixture.RP_ID));
        String reason = api.post(path, garbage).code();
        assertThat(reason).isEqualTo("challenge_mismatch");
        for (int i = 1; i < 1000; i++) {
            assertCode(api.post(path, garbage), reason);
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(api.get(bank.path("/me/devices"), "Authorization", "Bearer not-a-token-" + i).status())
                    .isEqualTo(401);
        }

        assertThat(failuresSinceMark()).isEmpty();
        int written = aggregator.flush();

        assertThat(written).isEqualTo(2);
        assertFailuresInAnyOrder(
                new Failure("authentication.failed", reason, 1000, null, false),
                new Failure("access_token.rejected", "token_invalid", 1000, null, false));
        assertThat(aggregator.flush()).as("a window is written once").isZero();
    }

    @Test
    void aggregatedEventsAreSealedVerifiedExportedAndSearchedLikeAnyOther() {
        for (int i = 0; i < 5; i++) {
            api.get(bank.path("/me/devices"), "Authorization", "Bearer not-a-token");
        }
        aggregator.flush();
        audit.sealPending(TENANT);

        JsonNode report = api.admin("POST", "/v1/admin/tenants/" + TENANT + "/audit/verify", null).json();

        assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("findings").isEmpty()).isTrue();
        JsonNode exported = exportedEventsOfType("access_token.rejected");
        assertThat(exported.path("occurrences").asInt()).isEqualTo(5);
        assertThat(exported.path("lastOccurredAt").asString()).isNotBlank();
        SealedEvents.SealedEvent sealed = sealedEvents.after(TENANT, -1, 1000).stream()
                .filter(e -> e.type().equals("access_token.rejected")).findFirst().orElseThrow();
        assertThat(sealed.occurrences()).isEqualTo(5);
        assertThat(sealed.lastOccurredAt()).isAfterOrEqualTo(sealed.occurredAt());
        JsonNode searched = api.admin("GET", "/v1/admin/tenants/" + TENANT + "/audit/events?type=access_token.rejected",
                null).json().path("items").get(0);
        assertThat(searched.path("occurrences").asInt()).isEqualTo(5);
        assertThat(searched.has("ip")).isFalse();
    }

    @Test
    void theFirstFailuresOfAKnownCustomerAreWrittenOneByOneAndTheRestCounted() {
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "user" + System.nanoTime();
        UUID customer = bank.enrolled(username, phone);
        aggregator.flush();
        mark = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
        for (int i = 0; i < 5; i++) {
            assertCode(bank.signIn(phone, username, Map.of(), TenantFixture.ORIGIN, in -> in.withCorruptSignature(true)), "signature_invalid");
        }
        awaitRows(3);

        aggregator.flush();

        assertFailuresInAnyOrder(
                new Failure("authentication.failed", "signature_invalid", 0, customer, true),
                new Failure("authentication.failed", "signature_invalid", 0, customer, true),
                new Failure("authentication.failed", "signature_invalid", 0, customer, true),
                new Failure("authentication.failed", "signature_invalid", 2, customer, false));
    }

    @Test
    void countsThatCannotBeWrittenAreKeptForTheNextWindow() throws Exception {
        String path = bank.path("/customers?externalId=x");
        api.get(path, "Authorization", "Bearer bck_nonsense");
        api.get(path, "Authorization", "Bearer bck_nonsense");
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("ALTER TABLE audit_event ADD CONSTRAINT refuse_rejected_keys"
                    + " CHECK (event_type <> 'api_key.rejected') NOT VALID");
            assertThat(aggregator.flush()).isZero();
            api.get(path, "Authorization", "Bearer bck_nonsense");
            sql.execute("ALTER TABLE audit_event DROP CONSTRAINT refuse_rejected_keys");
        }

        assertThat(aggregator.flush()).isEqualTo(1);

        assertFailuresInOrder(
                new Failure("api_key.rejected", "api_key_invalid", 3, null, false));
    }

    @Test
    void beyondTwiceItsKeysTheAggregatorOnlyCountsFailuresAsDropped(CapturedOutput output) {
        for (String reason : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i")) {
            events.publishEvent(SecurityEvent.failure(TENANT, SecurityEventType.API_KEY_REJECTED, reason).build());
        }

        assertThat(aggregator.flush()).isEqualTo(8);

        assertThat(failuresSinceMark()).hasSize(8);
        assertThat(output.getOut()).contains("failed checks beyond the aggregator's 8 keys were counted nowhere else");
    }

    @Test
    void aRejectedApiKeyIsAudited() {
        assertProblem(api.get(bank.path("/customers?externalId=x"), "Authorization", "Bearer bck_nonsense"), 401,
                "api_key_invalid");
        assertProblem(api.get(bank.path("/customers?externalId=x")), 401, "api_key_missing");

        aggregator.flush();

        assertFailuresInAnyOrder(
                new Failure("api_key.rejected", "api_key_invalid", 1, null, false),
                new Failure("api_key.rejected", "api_key_missing", 1, null, false));
    }

    @Test
    void aRejectedApiKeyScopeIsAudited() {
        String usersOnly = BankFixture.createApiKey(api, TENANT, List.of("users"));
        assertProblem(api.get(bank.path("/customers/" + UUID.randomUUID() + "/devices"), "Authorization",
                "Bearer " + usersOnly),
                403, "api_key_scope_missing");

        aggregator.flush();

        assertFailuresInOrder(
                new Failure("api_key.rejected", "api_key_scope_missing", 1, null, false));
    }

    @Test
    void aRejectedRefreshTokenIsAudited() {
        assertProblem(bank.refresh("rt_" + "A".repeat(43)), 401, "refresh_token_invalid");

        aggregator.flush();

        assertFailuresInOrder(
                new Failure("refresh_token.rejected", "refresh_token_invalid", 1, null, false));
    }

    @Test
    void aRejectedEnrollmentGrantIsAudited() {
        assertProblem(api.post(bank.path("/registration/options"), Map.of(), "Authorization", "Bearer eg_nonsense"),
                401, "enrollment_grant_invalid");

        aggregator.flush();

        assertFailuresInOrder(
                new Failure("enrollment_grant.rejected", "enrollment_grant_invalid", 1, null, false));
    }

    @Test
    void aRejectedPollSecretIsAudited() {
        String id = api.post(bank.path("/cross-channel"), null).json().path("id").asString();
        assertProblem(api.get(bank.path("/cross-channel/" + id), "Authorization", "Bearer cc_wrong"), 401,
                "cross_channel_secret_invalid");

        aggregator.flush();

        assertFailuresInOrder(
                new Failure("poll_secret.rejected", "cross_channel_secret_invalid", 1, null, false));
    }

    @Test
    void aRejectedDPoPProofIsAudited() {
        assertProblem(api.get(bank.path("/me/devices"), "Authorization", "DPoP some-token", "DPoP", "not-a-jwt"), 401,
                "dpop_proof_invalid");

        aggregator.flush();

        assertFailuresInOrder(
                new Failure("dpop_proof.rejected", "dpop_proof_invalid", 1, null, false));
    }

    @Test
    void aRejectedAdminKeyGoesToTheOperationsLogAndNoTenantsLog(CapturedOutput output) {
        assertProblem(api.get("/v1/admin/tenants", "Authorization", "Bearer wrong-admin-key"), 401, "unauthorized");

        aggregator.flush();

        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE id > :mark").param("mark", mark)
                .query(Long.class).single()).isZero();
        assertThat(output.getOut()).contains("1 x admin_key.rejected (reason unauthorized)")
                .doesNotContain("wrong-admin-key");
        Asserted.event("admin_key.rejected");
    }

    private void assertFailuresInOrder(Failure... expected) {
        assertThat(failuresSinceMark()).containsExactly(expected);
        recordEvents(expected);
    }

    private void assertFailuresInAnyOrder(Failure... expected) {
        assertThat(failuresSinceMark()).containsExactlyInAnyOrder(expected);
        recordEvents(expected);
    }

    private static void recordEvents(Failure... asserted) {
        Arrays.stream(asserted).map(Failure::type).forEach(Asserted::event);
    }

    private List<Failure> failuresSinceMark() {
        return jdbc.sql("""
                SELECT event_type, reason, occurrences, customer_id, network_data FROM audit_event
                 WHERE tenant_id = :tenant AND id > :mark AND outcome = 'failure' ORDER BY id""")
                .param("tenant", TENANT).param("mark", mark)
                .query((rs, row) -> new Failure(rs.getString("event_type"), rs.getString("reason"),
                        rs.getInt("occurrences"), rs.getObject("customer_id", UUID.class),
                        rs.getBytes("network_data") != null))
                .list();
    }

    /** Failures written one by one are written right after their request's transaction, on a thread of their own. */
    private void awaitRows(int count) {
        for (int i = 0; i < 200 && failuresSinceMark().size() < count; i++) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private JsonNode exportedEventsOfType(String type) {
        String export = api.admin("GET", "/v1/admin/tenants/" + TENANT + "/audit/export", null).body();
        return export.lines().map(line -> ApiClient.JSON.readTree(line))
                .filter(node -> type.equals(node.path("eventType").asString())).findFirst().orElseThrow();
    }
}
