package io.biometriccore.credentials.internal;

import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.testkit.AttestationCa;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TestMetadataBlobs;
import io.biometriccore.testsupport.TestMetadataBlobs.Model;
import io.biometriccore.webhooks.internal.WebhookReceiver;
import io.biometriccore.webhooks.internal.WebhookReceiver.Delivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Retroactive flagging and the authenticator inventory: a model FIDO metadata reports compromised after
 * its credentials were registered gets them flagged, audited and the bank told once; the tenant's
 * {@code flaggedAuthenticators} applies at the next sign-in; the inventory counts follow registration,
 * revocation and erasure; both lists page. The BLOBs are signed by a test MDS root; no network.
 */
class AuthenticatorFlaggingIT extends PostgresIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String COMPROMISE = "USER_KEY_REMOTE_COMPROMISE";
    private static final TestMetadataBlobs MDS = TestMetadataBlobs.generate("Flagging MDS");
    private static final WebhookReceiver receiver = WebhookReceiver.start();
    private static final AtomicInteger NO = new AtomicInteger(1000);
    private static Path source;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path directory = Files.createTempDirectory("flagging-mds");
        source = directory.resolve("blob.jwt");
        Path root = MDS.writeRoot(directory);
        registry.add("biometric.mds.source", source::toString);
        registry.add("biometric.mds.root-certificate", root::toString);
        registry.add("biometric.mds.revocation-check", () -> "false");
        registry.add("biometric.mds.flagging-interval", () -> "PT1H");
        registry.add("biometric.webhooks.allow-http", () -> "true");
        registry.add("biometric.webhooks.poll-interval", () -> "PT0.1S");
    }

    @AfterAll
    static void closeReceiver() {
        receiver.close();
    }

    @Autowired
    AuthenticatorFlagging flagging;

    @Autowired
    JdbcClient jdbc;

    /** Takes a BLOB listing {@code models} into force, with the next serial number. */
    private void loadBlob(List<Model> models) {
        TestMetadataBlobs.write(source, MDS.blob(NO.incrementAndGet(),
                LocalDate.now(ZoneOffset.UTC).plusDays(30), models));
        BankFixture.require(api.admin("POST", "/v1/admin/mds/refresh", null), 200);
    }

    private static Model certified(AttestationCa model) {
        return new Model(model.aaguid(), model.root(), List.of("FIDO_CERTIFIED"));
    }

    private static Model compromised(AttestationCa model) {
        return new Model(model.aaguid(), model.root(), List.of("FIDO_CERTIFIED", COMPROMISE));
    }

    private BankFixture bank(String tenantId, Map<String, Object> policy) {
        return BankFixture.create(api, tenantId, policy, Map.of());
    }

    private static String someone() {
        return "user" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A customer with a passkey of the model; answers its username. */
    private static String enroll(BankFixture bank, SoftwareAuthenticator key) {
        String username = someone();
        bank.enrolled(username, key);
        return username;
    }

    private long events(String tenantId, String type, String reason) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :t AND event_type = :type AND reason = :r")
                .param("t", tenantId).param("type", type).param("r", reason).query(Long.class).single();
    }

    private JsonNode flaggedList(String tenantId, String query) {
        Response listed = api.admin("GET", "/v1/admin/tenants/" + tenantId + "/authenticators/flagged" + query, null);
        BankFixture.require(listed, 200);
        return listed.json();
    }

    private JsonNode inventory(String tenantId, String query) {
        Response listed = api.admin("GET", "/v1/admin/tenants/" + tenantId + "/authenticators" + query, null);
        BankFixture.require(listed, 200);
        return listed.json();
    }

    private JsonNode model(String tenantId, UUID aaguid) {
        for (JsonNode m : inventory(tenantId, "?limit=100").path("items")) {
            if (m.path("aaguid").asString().equals(aaguid.toString())) {
                return m;
            }
        }
        throw new AssertionError("model " + aaguid + " is not in the inventory of " + tenantId);
    }

    /** A model in use, then reported compromised, its credentials flagged; answers the key enrolled. */
    private SoftwareAuthenticator flaggedKey(BankFixture bank, String username) {
        AttestationCa model = AttestationCa.generate("Vendor " + username);
        loadBlob(List.of(certified(model)));
        SoftwareAuthenticator key = SoftwareAuthenticator.create(ES256, model);
        bank.enrolled(username, key);
        loadBlob(List.of(compromised(model)));
        assertThat(flagging.runDue()).isPositive();
        return key;
    }

    @Test
    void aModelReportedCompromisedAfterRegistrationHasItsCredentialsFlaggedAuditedAndTheBankToldOnce() {
        AttestationCa model = AttestationCa.generate("Vendor Compromised Later");
        BankFixture bank = bank("flag-notify", Map.of());
        BankFixture lenient = bank("flag-lenient", Map.of("statusDeny", List.of("REVOKED")));
        Response webhook = api.admin("PUT", "/v1/admin/tenants/flag-notify/webhook",
                Map.of("url", receiver.url("/flag-notify"), "types", List.of("authenticator.flagged")));
        BankFixture.require(webhook, 201);
        receiver.secret("/flag-notify", webhook.json().path("secret").asString());
        loadBlob(List.of(certified(model)));
        enroll(bank, SoftwareAuthenticator.create(ES256, model));
        enroll(bank, SoftwareAuthenticator.create(ES256, model));
        enroll(lenient, SoftwareAuthenticator.create(ES256, model));

        loadBlob(List.of(compromised(model)));
        assertThat(flagging.runDue()).as("one batch for the tenant that denies the status").isEqualTo(1);

        JsonNode flagged = flaggedList("flag-notify", "");
        assertThat(flagged.path("items")).hasSize(2).allSatisfy(item -> {
            assertThat(item.path("aaguid").asString()).isEqualTo(model.aaguid().toString());
            assertThat(item.path("flaggedStatus").asString()).isEqualTo(COMPROMISE);
            assertThat(item.path("deviceStatus").asString()).isEqualTo("ACTIVE");
        });
        assertThat(flaggedList("flag-lenient", "").path("items")).as("its statusDeny lacks the status").isEmpty();
        assertThat(events("flag-notify", "credential.flagged", COMPROMISE)).isEqualTo(2);
        Asserted.event("credential.flagged");
        assertThat(model("flag-notify", model.aaguid()).path("status").asString()).isEqualTo(COMPROMISE);

        await().atMost(DEADLINE).until(() -> !receiver.accepted("/flag-notify").isEmpty());
        Delivery told = receiver.accepted("/flag-notify").getFirst();
        assertThat(told.type()).isEqualTo(BankNotificationType.AUTHENTICATOR_FLAGGED.wireName());
        assertThat(told.json().path("subject").asString()).isEqualTo(model.aaguid().toString());
        assertThat(told.json().path("data").path("status").asString()).isEqualTo(COMPROMISE);
        assertThat(told.json().path("data").path("count").asInt()).isEqualTo(2);

        loadBlob(List.of(compromised(model)));
        assertThat(flagging.runDue()).as("the status is not new: no second job").isZero();
        assertThat(receiver.accepted("/flag-notify")).hasSize(1);
    }

    @Test
    void aJobInterruptedAfterABatchContinuesAfterItsLastCredentialAndFlagsNoneTwice() {
        AttestationCa model = AttestationCa.generate("Vendor Many Keys");
        BankFixture bank = bank("flag-resume", Map.of());
        // 201 passkeys for one customer in seconds: the velocity signal would rightly step the 21st up.
        bank.withRisk(Map.of("disabledSignals", List.of("velocity")));
        loadBlob(List.of(certified(model)));
        int keys = AuthenticatorFlagging.BATCH + 1;
        UUID customer = bank.createCustomer(someone());
        for (int i = 0; i < keys; i++) {
            BankFixture.require(bank.register(SoftwareAuthenticator.create(ES256, model), bank.grant(customer),
                    UnaryOperator.identity()), 200);
        }
        loadBlob(List.of(compromised(model)));

        assertThat(flagging.runBatch()).as("one batch, then the node stops").isTrue();
        assertThat(jobProgress("flag-resume")).isEqualTo(AuthenticatorFlagging.BATCH);
        assertThat(flagging.runDue()).as("the rest, after the last credential flagged").isEqualTo(1);

        assertThat(jobProgress("flag-resume")).isEqualTo(keys);
        assertThat(jdbc.sql("SELECT count(*) FROM authenticator_flagging WHERE tenant_id = 'flag-resume'"
                + " AND done_at IS NULL").query(Long.class).single()).isZero();
        assertThat(events("flag-resume", "credential.flagged", COMPROMISE)).isEqualTo(keys);
    }

    private long jobProgress(String tenantId) {
        return jdbc.sql("SELECT flagged FROM authenticator_flagging WHERE tenant_id = :t").param("t", tenantId)
                .query(Long.class).single();
    }

    @Test
    void stepUpOpensTheFlaggedCredentialsSessionAtTheWeakestLevelAndIsAudited() {
        BankFixture bank = bank("flag-step-up", Map.of("flaggedAuthenticators", "step_up"));
        String username = someone();
        SoftwareAuthenticator key = flaggedKey(bank, username);

        JsonNode tokens = bank.tokens(key, username);

        assertThat(tokens.path("acr").asString()).isEqualTo("aal1");
        assertProblem(bank.signIn(key, username, Map.of("acr_values", "aal2"), "https://login.bank.example",
                UnaryOperator.identity()), 403, "acr_not_met");
        assertThat(events("flag-step-up", "credential.flag_applied", "step_up")).isEqualTo(1);
        Asserted.event("credential.flag_applied");
    }

    @Test
    void suspendSuspendsTheFlaggedCredentialAtItsNextSignInUntilTheBankResumesIt() {
        BankFixture bank = bank("flag-suspend", Map.of("flaggedAuthenticators", "suspend"));
        String username = someone();
        SoftwareAuthenticator key = flaggedKey(bank, username);
        UUID customer = UUID.fromString(flaggedList("flag-suspend", "").path("items").get(0).path("customerId")
                .asString());

        assertProblem(bank.signIn(key, username), 403, "credential_suspended");

        UUID device = bank.firstDevice(customer);
        JsonNode shown = bank.backend("GET", "/customers/" + customer + "/devices", null).json().get(0);
        assertThat(shown.path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(events("flag-suspend", "credential.flag_applied", "suspend")).isEqualTo(1);
        assertProblem(bank.signIn(key, username), 403, "credential_suspended");
        BankFixture.require(bank.backend("POST", "/customers/" + customer + "/devices/" + device + "/resume", null), 200);
        assertThat(flaggedList("flag-suspend", "").path("items")).as("resuming clears the flag").isEmpty();
        assertThat(bank.tokens(key, username).path("acr").asString()).isNotEqualTo("aal1");
    }

    @Test
    void noneLetsTheFlaggedCredentialSignInAsBefore() {
        BankFixture bank = bank("flag-none", Map.of("flaggedAuthenticators", "none"));
        String username = someone();
        SoftwareAuthenticator key = flaggedKey(bank, username);

        JsonNode tokens = bank.tokens(key, username);

        assertThat(tokens.path("acr").asString()).isNotEqualTo("aal1");
        assertThat(flaggedList("flag-none", "").path("items")).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = 'flag-none'"
                + " AND event_type = 'credential.flag_applied'").query(Long.class).single()).isZero();
    }

    @Test
    void aTenantWithAnUnknownFlaggedAuthenticatorsValueIsRefused() {
        Response refused = api.badInput().admin("PUT", "/v1/admin/tenants/flag-unknown", Map.of("rpId", "bank.example",
                "rpName", "Example Bank", "allowedOrigins", List.of("https://login.bank.example"),
                "policy", Map.of("flaggedAuthenticators", "block")));

        assertProblem(refused, 400, "malformed_request");
        assertProblem(api.admin("GET", "/v1/admin/tenants/flag-unknown", null), 404, "tenant_not_found");
    }

    @Test
    void theInventoryCountsFollowRegistrationRevocationAndErasure() {
        AttestationCa model = AttestationCa.generate("Vendor Counted");
        BankFixture bank = bank("flag-inventory", Map.of());
        loadBlob(List.of(certified(model)));
        bank.enrolled(someone(), SoftwareAuthenticator.create(ES256, model));
        UUID revoked = bank.enrolled(someone(), SoftwareAuthenticator.create(ES256, model));
        UUID erased = bank.createCustomer(someone());
        BankFixture.require(bank.register(SoftwareAuthenticator.create(ES256, model), bank.grant(erased),
                in -> in.withBackupEligible(true)), 200);

        JsonNode counted = model("flag-inventory", model.aaguid());
        assertThat(counted.path("credentials").asLong()).isEqualTo(3);
        assertThat(counted.path("synced").asLong()).isEqualTo(1);
        assertThat(counted.path("deviceBound").asLong()).isEqualTo(2);
        assertThat(counted.path("name").asString()).isEqualTo("Test authenticator " + model.aaguid());
        assertThat(counted.path("status").asString()).isEqualTo("FIDO_CERTIFIED");

        String device = "/customers/" + revoked + "/devices/" + bank.firstDevice(revoked);
        BankFixture.require(bank.backend("POST", device + "/revoke", null), 200);
        BankFixture.require(bank.backend("POST", device + "/revoke", null), 200);
        assertThat(model("flag-inventory", model.aaguid()).path("credentials").asLong()).isEqualTo(2);
        BankFixture.require(bank.backend("DELETE", "/customers/" + erased, null), 204);
        BankFixture.require(bank.backend("DELETE", "/customers/" + revoked, null), 204);

        JsonNode left = model("flag-inventory", model.aaguid());
        assertThat(left.path("credentials").asLong()).isEqualTo(1);
        assertThat(left.path("synced").asLong()).isZero();
        assertThat(left.path("deviceBound").asLong()).isEqualTo(1);
    }

    @Test
    void theFlaggedListAndTheInventoryPage() {
        AttestationCa model = AttestationCa.generate("Vendor Paged");
        AttestationCa other = AttestationCa.generate("Vendor Other");
        BankFixture bank = bank("flag-pages", Map.of());
        loadBlob(List.of(certified(model), certified(other)));
        for (int i = 0; i < 3; i++) {
            enroll(bank, SoftwareAuthenticator.create(ES256, model));
        }
        enroll(bank, SoftwareAuthenticator.create(ES256, other));
        loadBlob(List.of(compromised(model), certified(other)));
        flagging.runDue();

        JsonNode first = flaggedList("flag-pages", "?limit=2");
        JsonNode second = flaggedList("flag-pages", "?limit=2&cursor=" + first.path("nextCursor").asString());

        assertThat(first.path("items")).hasSize(2);
        assertThat(second.path("items")).hasSize(1);
        assertThat(second.has("nextCursor")).isFalse();
        List<String> ids = new ArrayList<>();
        first.path("items").forEach(i -> ids.add(i.path("credentialId").asString()));
        second.path("items").forEach(i -> ids.add(i.path("credentialId").asString()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(3);
        JsonNode models = inventory("flag-pages", "?limit=1");
        JsonNode rest = inventory("flag-pages", "?limit=1&cursor=" + models.path("nextCursor").asString());
        assertThat(models.path("items")).hasSize(1);
        assertThat(rest.path("items")).hasSize(1);
        assertThat(rest.path("items").get(0).path("aaguid").asString())
                .isNotEqualTo(models.path("items").get(0).path("aaguid").asString());
        assertProblem(api.admin("GET", "/v1/admin/tenants/flag-pages/authenticators?cursor=zz", null), 400,
                "invalid_request");
        assertProblem(api.badInput().admin("GET", "/v1/admin/tenants/flag-pages/authenticators/flagged?limit=0", null), 400,
                "invalid_request");
        assertProblem(api.admin("GET", "/v1/admin/tenants/no-such-bank/authenticators", null), 404,
                "tenant_not_found");
    }
}
