package io.biometriccore;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.biometriccore.appintegrity.internal.TestKeyAttestations;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.shared.PublicUrl;
import io.biometriccore.siem.TestReceiver;
import io.biometriccore.testkit.AttestationCa;
import io.biometriccore.testsupport.TestMetadataBlobs;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SignedContexts;
import io.biometriccore.testsupport.TenantFixture;
import io.biometriccore.testsupport.scans.IndexUseCheck;
import io.biometriccore.testsupport.scans.IndexUseCheck.Finding;
import io.biometriccore.testsupport.scans.RecordedStatement;
import io.biometriccore.testsupport.scans.StatementRecorder;
import io.biometriccore.webhooks.internal.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * No statement that a request or a background job runs scans a table whose size grows with the bank.
 * The server runs registration, sign-in, refresh, introspection, step-up, self-service, device changes,
 * cross-channel sign-in, deletion, the audit admin reads, the sealer, the SIEM export, the tenant
 * webhook's administration and delivery, the purges and retention, in the production configuration
 * (challenges in PostgreSQL; plain http allowed for the local receivers); every statement it sent is
 * then EXPLAINed with its own bind values in a bank-sized copy of the schema (see {@link IndexUseCheck}).
 * The audit export and the server-side verification are not here: they read the whole log by
 * definition, in keyset pages of one snapshot (ADR 16). The detector proves
 * itself on every run: in a scratch copy of the schema with one index dropped, it must find the scan.
 */
@Import(StatementRecorder.Recording.class)
class NoScanIT extends PostgresIntegrationTest {

    private static final AttestationCa HARDWARE = AttestationCa.generate("No-scan Hardware Keys");
    private static final String SIEM_SECRET = "no-scan-sink-secret-0123456789abcdefghij";
    private static final TestReceiver SIEM = TestReceiver.start(Map.of("/siem", SIEM_SECRET));
    private static final WebhookReceiver WEBHOOK = WebhookReceiver.start();
    private static final TestMetadataBlobs MDS = TestMetadataBlobs.generate("No-scan MDS");
    private static final TestKeyAttestations ANDROID = TestKeyAttestations.generate("No-scan Android Root");
    private static Path mdsSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("biometric.challenges.store", () -> "jdbc");
        registry.add("biometric.challenges.purge-interval", () -> "PT0.2S");
        registry.add("biometric.dpop.purge-interval", () -> "PT0.2S");
        registry.add("biometric.purge.interval", () -> "PT0.2S");
        registry.add("biometric.transactions.expiry-interval", () -> "PT0.2S");
        registry.add("biometric.audit.retention-cron", () -> "* * * * * *");
        registry.add("biometric.audit.siem.poll-interval", () -> "PT0.2S");
        registry.add("biometric.audit.siem.sinks[0].name", () -> "noscan");
        registry.add("biometric.audit.siem.sinks[0].url", () -> SIEM.url("127.0.0.1", "/siem"));
        registry.add("biometric.audit.siem.sinks[0].secret", () -> SIEM_SECRET);
        registry.add("biometric.audit.siem.sinks[0].format", () -> "jsonl");
        registry.add("biometric.webhooks.allow-http", () -> "true");
        registry.add("biometric.webhooks.poll-interval", () -> "PT0.2S");
        Path anchors = Files.createTempDirectory("no-scan-anchors");
        HARDWARE.writeRootPem(anchors);
        registry.add("biometric.attestation.trust-anchors-dir", anchors::toString);
        Path mds = Files.createTempDirectory("no-scan-mds");
        mdsSource = mds.resolve("blob.jwt");
        Path mdsRoot = MDS.writeRoot(mds);
        registry.add("biometric.mds.source", mdsSource::toString);
        registry.add("biometric.mds.root-certificate", mdsRoot::toString);
        registry.add("biometric.mds.revocation-check", () -> "false");
        registry.add("biometric.mds.flagging-interval", () -> "PT0.2S");
        Path androidRoots = Files.createTempDirectory("no-scan-android");
        registry.add("biometric.app-integrity.android-roots", () -> ANDROID.writeRootPem(androidRoots));
    }

    @Autowired
    StatementRecorder recorder;

    @Autowired
    SigningKeys signingKeys;

    @Autowired
    PublicUrl publicUrl;

    @Test
    void everyStatementOfTheRequestsAndJobsIsServedByAnIndex() throws Exception {
        recorder.clear();
        BankFixture bank = BankFixture.create(api, "noscan-bank", Map.of(), Map.of());
        runRequests(bank);
        expiredRowsForThePurges(bank);
        awaitSealedAndJobsRun(bank.tenantId());
        List<RecordedStatement> statements = recorder.statements();

        List<Finding> findings = findings(statements);

        assertThat(sqlOf(statements)).as("the recorder saw the requests and the jobs")
                .anyMatch(sql -> sql.contains("INSERT INTO audit_leaf"))
                .anyMatch(sql -> sql.contains("SELECT handle FROM ceremony_challenge WHERE expires_at"))
                .anyMatch(sql -> sql.contains("DELETE FROM ceremony_challenge WHERE handle IN"))
                .anyMatch(sql -> sql.contains("DELETE FROM enrollment_grant WHERE id IN"))
                .anyMatch(sql -> sql.contains("DELETE FROM cross_channel_request WHERE id IN"))
                .anyMatch(sql -> sql.contains("DELETE FROM refresh_token WHERE session_id IN"))
                .anyMatch(sql -> sql.contains("DELETE FROM auth_session WHERE id IN"))
                .anyMatch(sql -> sql.contains("FROM enrollment_grant") && sql.contains("secret_hash = ?"))
                .anyMatch(sql -> sql.contains("DELETE FROM dpop_proof"))
                .anyMatch(sql -> sql.contains("FROM credential WHERE tenant_id = ? AND device_id = ?"))
                .anyMatch(sql -> sql.contains("refresh_token"))
                .anyMatch(sql -> sql.contains("cross_channel_request"))
                .anyMatch(sql -> sql.contains("siem_cursor"))
                .anyMatch(sql -> sql.contains("UPDATE audit_data_key SET wrapped_key = NULL"))
                .anyMatch(sql -> sql.contains("INSERT INTO webhook_outbox"))
                .anyMatch(sql -> sql.contains("FROM webhook_outbox") && sql.contains("FOR UPDATE SKIP LOCKED")
                        && sql.contains("webhook_id = ?"))
                .anyMatch(sql -> sql.contains("UPDATE webhook_outbox SET next_attempt_at = NULL"))
                .anyMatch(sql -> sql.contains("DELETE FROM webhook_outbox WHERE id IN"))
                .anyMatch(sql -> sql.contains("FROM tenant_webhook"))
                .anyMatch(sql -> sql.contains("SELECT v.document FROM tenant_policy_version v"))
                .anyMatch(sql -> sql.contains("SELECT policy_version FROM tenant WHERE id = ? FOR UPDATE"))
                .anyMatch(sql -> sql.contains("INSERT INTO tenant_policy_version"))
                .anyMatch(sql -> sql.contains("FROM tenant_policy_version") && sql.contains("version < ?"))
                .anyMatch(sql -> sql.contains("FROM tenant_policy_version WHERE tenant_id = ? AND version = ?"))
                .anyMatch(sql -> sql.contains("INSERT INTO policy_decision"))
                .anyMatch(sql -> sql.contains("FROM policy_decision") && sql.contains("decided_at >= ?"))
                .anyMatch(sql -> sql.contains("DELETE FROM policy_decision WHERE id IN"))
                .anyMatch(sql -> sql.contains("FROM mds_blob WHERE id = 1"))
                .anyMatch(sql -> sql.contains("UPDATE mds_blob SET"))
                .anyMatch(sql -> sql.contains("UPDATE transactions SET status = 'approved'"))
                .anyMatch(sql -> sql.contains("FROM transactions WHERE status = 'pending' AND expires_at <="))
                .anyMatch(sql -> sql.contains("FROM audit_event WHERE tenant_id = ? AND credential_id = ?"))
                .anyMatch(sql -> sql.contains("SELECT 1 FROM evidence WHERE tenant_id = ? AND kid = ?"))
                .anyMatch(sql -> sql.contains("UPDATE evidence SET legal_hold"))
                .anyMatch(sql -> sql.contains("DELETE FROM evidence WHERE transaction_id IN"))
                .anyMatch(sql -> sql.contains("DELETE FROM transactions WHERE id IN"))
                .anyMatch(sql -> sql.contains("UPDATE authenticator_inventory SET credentials = credentials + 1"))
                .anyMatch(sql -> sql.contains("UPDATE authenticator_inventory SET credentials = credentials - 1"))
                .anyMatch(sql -> sql.contains("FROM authenticator_inventory WHERE tenant_id = ? AND aaguid = ?"))
                .anyMatch(sql -> sql.contains("FROM authenticator_inventory") && sql.contains("credentials > 0"))
                .anyMatch(sql -> sql.contains("INSERT INTO authenticator_flagging"))
                .anyMatch(sql -> sql.contains("FROM authenticator_flagging") && sql.contains("SKIP LOCKED"))
                .anyMatch(sql -> sql.contains("UPDATE authenticator_flagging SET done_at"))
                .anyMatch(sql -> sql.contains("aaguid = ? AND credential_id > ?"))
                .anyMatch(sql -> sql.contains("UPDATE credential SET flagged = TRUE"))
                .anyMatch(sql -> sql.contains("UPDATE credential SET flagged = FALSE"))
                .anyMatch(sql -> sql.contains("flagged = TRUE AND credential_id > ?"))
                .anyMatch(sql -> sql.contains("FROM risk_history WHERE tenant_id = ? AND customer_id = ? FOR UPDATE"))
                .anyMatch(sql -> sql.contains("UPDATE risk_history SET"))
                .anyMatch(sql -> sql.contains("INSERT INTO risk_decision "))
                .anyMatch(sql -> sql.contains("FROM risk_decision d WHERE d.tenant_id = ?") && sql.contains("customer_id"))
                .anyMatch(sql -> sql.contains("FROM risk_decision d WHERE d.tenant_id = ?") && sql.contains("outcome"))
                .anyMatch(sql -> sql.contains("FROM risk_decision_signal s JOIN risk_decision d"))
                .anyMatch(sql -> sql.contains("DELETE FROM risk_decision_signal WHERE decision_id IN"))
                .anyMatch(sql -> sql.contains("DELETE FROM risk_decision WHERE id IN"))
                .anyMatch(sql -> sql.contains("UPDATE risk_summary SET count = count + ?"))
                .anyMatch(sql -> sql.contains("FROM risk_summary"))
                .anyMatch(sql -> sql.contains("FROM risk_context_key WHERE tenant_id = ? AND kid = ?"))
                .anyMatch(sql -> sql.contains("FROM risk_context_key WHERE tenant_id = ? ORDER BY kid"))
                .anyMatch(sql -> sql.contains("INSERT INTO risk_context_jti"))
                .anyMatch(sql -> sql.contains("DELETE FROM risk_context_jti WHERE id IN"))
                .anyMatch(sql -> sql.contains("DELETE FROM risk_context_key"))
                .anyMatch(sql -> sql.contains("FROM tenant_app WHERE tenant_id = ? AND app_id = ?"))
                .anyMatch(sql -> sql.contains("FROM tenant_app WHERE tenant_id = ? ORDER BY app_id"))
                .anyMatch(sql -> sql.contains("DELETE FROM app_attestation_challenge WHERE device_id = ?"))
                .anyMatch(sql -> sql.contains("UPDATE device_app_integrity SET platform"))
                .anyMatch(sql -> sql.contains("UPDATE device_app_integrity SET failure_code"))
                .anyMatch(sql -> sql.contains("FROM device_app_integrity WHERE device_id = ?"));
        assertThat(findings).as(describe(findings)).isEmpty();
    }

    @Test
    void theDetectorFindsTheScanWhenAnIndexIsMissing() throws Exception {
        recorder.clear();
        BankFixture bank = BankFixture.create(api, "noscan-self-test", Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "self" + System.nanoTime();
        bank.enrolled(username, phone);
        bank.tokens(phone, username);
        List<RecordedStatement> statements = recorder.statements();

        List<Finding> withIndex = findings(statements);
        List<Finding> withoutIndex;
        try (Connection c = connect()) {
            withoutIndex = IndexUseCheck.findings(c, statements, "DROP INDEX credential_device");
        }

        assertThat(withIndex).as(describe(withIndex)).isEmpty();
        assertThat(withoutIndex).as(describe(withoutIndex))
                .anySatisfy(finding -> {
                    assertThat(finding.sql()).contains("FROM credential WHERE tenant_id = ? AND device_id = ?");
                    assertThat(finding.scans()).anyMatch(scan -> scan.contains(" on credential"));
                })
                .allSatisfy(finding -> assertThat(finding.sql()).contains("credential"));
    }

    /** Everything a bank's customers, backend and operators do, once each. */
    private void runRequests(BankFixture bank) {
        String username = "alice" + System.nanoTime();
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        UUID customerId = bank.enrolled(username, phone);
        SoftwareAuthenticator securityKey = SoftwareAuthenticator.create(KeyType.ES256, HARDWARE);
        BankFixture.require(bank.register(securityKey, bank.grant(customerId), UnaryOperator.identity()), 200);
        UUID deviceId = bank.firstDevice(customerId);

        JsonNode tokens = bank.tokens(phone, username);
        String accessToken = tokens.path("access_token").asString();
        BankFixture.require(bank.refresh(tokens.path("refresh_token").asString()), 200);
        BankFixture.require(bank.introspect(accessToken), 200);
        usernamelessSignIn(bank, phone);
        stepUp(bank, securityKey, username, accessToken);
        selfService(bank, accessToken);
        appIntegrity(bank, accessToken, deviceId);
        crossChannel(bank, phone, username);
        bankContext(bank, phone, username);
        transactions(bank, phone, username, customerId);
        sessionRevocation(bank, phone, username, customerId);
        deviceChanges(bank, customerId, deviceId);
        auditReads(bank.tenantId(), customerId);
        administration(bank.tenantId());
        flagging(bank);
        BankFixture.require(bank.backend("DELETE", "/customers/" + customerId, null), 204);
    }

    /**
     * Rows long past their expiry, written beside the server, so that every purge finds one and runs
     * its DELETEs as well as its SELECT (ADR 0026).
     */
    private void expiredRowsForThePurges(BankFixture bank) throws SQLException {
        String tenant = bank.tenantId();
        UUID customer = bank.createCustomer("expired" + System.nanoTime());
        UUID session = UUID.randomUUID();
        String past = "TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00'";
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO ceremony_challenge (handle, tenant_id, ceremony, challenge, payload, expires_at)"
                    + " VALUES ('expired-handle', '%s', 'AUTHENTICATION', 'expired-challenge', '{}', %s)"
                    .formatted(tenant, past));
            s.execute("INSERT INTO risk_context_jti (id, tenant_id, expires_at) VALUES ('expired-jti', '%s', %s)"
                    .formatted(tenant, past));
            s.execute("INSERT INTO enrollment_grant (id, tenant_id, customer_id, secret_hash, issued_by, created_at,"
                    + " expires_at) VALUES ('%s', '%s', '%s', '\\x00', 'test', %s, %s)"
                    .formatted(UUID.randomUUID(), tenant, customer, past, past));
            s.execute("INSERT INTO cross_channel_request (id, tenant_id, secret_hash, user_code, status, created_at,"
                    + " expires_at) VALUES ('%s', '%s', '\\x00', 'AAAA-AAAA', 'PENDING', %s, %s)"
                    .formatted(UUID.randomUUID(), tenant, past, past));
            s.execute("INSERT INTO auth_session (id, tenant_id, customer_id, user_handle, channel, acr, amr, auth_time,"
                    + " created_at, last_seen_at, idle_expires_at, absolute_expires_at) VALUES ('%s', '%s', '%s',"
                    .formatted(session, tenant, customer)
                    + " 'handle', 'WEB', 'aal2', 'hwk', %1$s, %1$s, %1$s, %1$s, %1$s)".formatted(past));
            s.execute("INSERT INTO refresh_token (token_hash, tenant_id, session_id, status, created_at)"
                    + " VALUES ('\\x01', '%s', '%s', 'ROTATED', %s)".formatted(tenant, session, past));
            s.execute("INSERT INTO webhook_outbox (id, tenant_id, webhook_id, type, body, created_at, attempts,"
                    + " delivered_at, purge_after) VALUES ('%s', '%s', '%s', 'webhook.test', '{}', %s, 1, %s, %s)"
                    .formatted(UUID.randomUUID(), tenant, UUID.randomUUID(), past, past, past));
            UUID expiredTransaction = UUID.randomUUID();
            s.execute("INSERT INTO transactions (tenant_id, id, customer_id, type, currency, amount_minor, canonical, hash,"
                    + " status, created_at, expires_at, purge_after) VALUES ('%s', '%s', '%s', 'payment', 'EUR', 1,"
                    .formatted(tenant, expiredTransaction, customer)
                    + " '\\x7b7d', 'hash', 'pending', %1$s, %1$s, %1$s)".formatted(past));
            UUID purgedTransaction = UUID.randomUUID();
            s.execute("INSERT INTO evidence (transaction_id, tenant_id, evidence_id, jws, kid, audit_event_id,"
                    + " approved_at, retain_until, legal_hold, purge_after) VALUES ('%s', '%s', '%s', 'jws', 'kid', 1,"
                    .formatted(purgedTransaction, tenant, UUID.randomUUID())
                    + " %1$s, %1$s, FALSE, %1$s)".formatted(past));
            s.execute("INSERT INTO policy_decision (id, tenant_id, decided_at, expires_at, action, outcome, facts)"
                    + " VALUES ('%s', '%s', %s, %s, 'signIn', 'allowed', '{}')"
                    .formatted(UUID.randomUUID(), tenant, past, past));
            UUID riskDecision = UUID.randomUUID();
            s.execute("INSERT INTO risk_decision (id, tenant_id, decided_at, expires_at, action, outcome, score, facts)"
                    + " VALUES ('%s', '%s', %s, %s, 'signIn', 'step_up', 70, '[]')"
                    .formatted(riskDecision, tenant, past, past));
            s.execute("INSERT INTO risk_decision_signal (decision_id, tenant_id, reason, decided_at)"
                    + " VALUES ('%s', '%s', 'new_country', %s)".formatted(riskDecision, tenant, past));
        }
    }

    private void administration(String tenantId) {
        String tenant = "/v1/admin/tenants/" + tenantId;
        BankFixture.require(api.get("/v1/tenants/" + tenantId + "/.well-known/jwks.json"), 200);
        BankFixture.require(api.get("/.well-known/oauth-authorization-server/v1/tenants/" + tenantId), 200);
        BankFixture.require(api.get("/.well-known/oauth-authorization-server/v1/tenants/no-such-tenant"), 404);
        BankFixture.require(api.admin("GET", "/v1/admin/tenants", null), 200);
        BankFixture.require(api.admin("GET", tenant, null), 200);
        String keyId = api.admin("POST", tenant + "/api-keys", Map.of("name", "spare", "scopes", List.of("users")))
                .json().path("id").asString();
        BankFixture.require(api.admin("GET", tenant + "/api-keys", null), 200);
        BankFixture.require(api.admin("DELETE", tenant + "/api-keys/" + keyId, null), 200);
        BankFixture.require(api.admin("GET", tenant + "/signing-keys", null), 200);
        BankFixture.require(api.admin("POST", tenant + "/signing-keys/rotate", null), 200);
        BankFixture.require(api.admin("GET", "/v1/admin/siem/sinks", null), 200);
        policy(tenant);
        TestMetadataBlobs.write(mdsSource, MDS.blob(1, LocalDate.now(ZoneOffset.UTC).plusDays(30),
                List.of(new TestMetadataBlobs.Model(HARDWARE.aaguid(), HARDWARE.root(), List.of("FIDO_CERTIFIED")))));
        BankFixture.require(api.admin("POST", "/v1/admin/mds/refresh", null), 200);
        webhook(tenant);
        riskEngine(tenant);
        risk(tenant);
    }

    /** The analyst's decisions, by each index, and the summary. */
    private void risk(String tenant) {
        String decisions = tenant + "/risk/decisions";
        BankFixture.require(api.admin("GET", decisions + "?limit=1", null), 200);
        BankFixture.require(api.admin("GET", decisions + "?customer=" + UUID.randomUUID(), null), 200);
        BankFixture.require(api.admin("GET", decisions + "?decision=step_up", null), 200);
        BankFixture.require(api.admin("GET", decisions + "?signal=new_country&from=2026-01-01T00:00:00Z", null), 200);
        BankFixture.require(api.admin("GET", tenant + "/risk/summary?bucket=day", null), 200);
    }

    /**
     * A model in use reported compromised by a new BLOB: the flagging job runs on its schedule, the lists
     * are read, and the flagged credential signs in under the default {@code step_up}.
     */
    private void flagging(BankFixture bank) {
        String username = "flagged" + System.nanoTime();
        SoftwareAuthenticator key = SoftwareAuthenticator.create(KeyType.ES256, HARDWARE);
        bank.enrolled(username, key);
        TestMetadataBlobs.write(mdsSource, MDS.blob(2, LocalDate.now(ZoneOffset.UTC).plusDays(30),
                List.of(new TestMetadataBlobs.Model(HARDWARE.aaguid(), HARDWARE.root(),
                        List.of("FIDO_CERTIFIED", "USER_KEY_REMOTE_COMPROMISE")))));
        BankFixture.require(api.admin("POST", "/v1/admin/mds/refresh", null), 200);
        String authenticators = "/v1/admin/tenants/" + bank.tenantId() + "/authenticators";
        for (int i = 0; i < 300 && api.admin("GET", authenticators + "/flagged", null).json().path("items").isEmpty();
                i++) {
            sleep();
        }
        assertThat(api.admin("GET", authenticators + "/flagged", null).json().path("items")).as("the flagging ran")
                .isNotEmpty();
        BankFixture.require(api.admin("GET", authenticators + "/flagged?limit=1&cursor=AA", null), 200);
        BankFixture.require(api.admin("GET", authenticators + "?limit=1", null), 200);
        BankFixture.require(api.admin("GET", authenticators + "?cursor=" + "0".repeat(32), null), 200);
        bank.tokens(key, username);
    }

    /** The tenant's policy: read, a new version, its versions in pages, one of them, a rollback. */
    private void policy(String tenant) {
        JsonNode current = api.admin("GET", tenant + "/policy", null).json();
        BankFixture.require(api.admin("PUT", tenant + "/policy", Map.of("document", current.path("document"),
                "author", "no-scan", "reason", "a second version")), 201);
        String cursor = api.admin("GET", tenant + "/policy/versions?limit=1", null).json().path("nextCursor").asString();
        BankFixture.require(api.admin("GET", tenant + "/policy/versions?limit=1&cursor=" + cursor, null), 200);
        BankFixture.require(api.admin("GET", tenant + "/policy/versions/1", null), 200);
        BankFixture.require(api.admin("POST", tenant + "/policy/rollback", Map.of("version", 1, "author", "no-scan",
                "reason", "back")), 201);
        BankFixture.require(api.admin("POST", tenant + "/policy/dry-run", Map.of("document",
                current.path("document"), "days", 90)), 200);
        BankFixture.require(api.admin("POST", tenant + "/policy/dry-run", Map.of("document", current.path("document"),
                "cursor", Instant.EPOCH + "~" + new UUID(0, 0))), 200);
    }

    /** The tenant's webhook: configured, a test notification delivered, read, rotated; the outbox row stays. */
    private void webhook(String tenant) {
        Response created = api.admin("PUT", tenant + "/webhook", Map.of("url", WEBHOOK.url("/webhook")));
        BankFixture.require(created, 201);
        WEBHOOK.secret("/webhook", created.json().path("secret").asString());
        BankFixture.require(api.admin("POST", tenant + "/webhook/test", null), 202);
        for (int i = 0; i < 300 && WEBHOOK.accepted("/webhook").isEmpty(); i++) {
            sleep();
        }
        assertThat(WEBHOOK.accepted("/webhook")).as("the webhook delivery ran").hasSize(1);
        BankFixture.require(api.admin("PUT", tenant + "/webhook", Map.of("url", WEBHOOK.url("/webhook"))), 200);
        BankFixture.require(api.admin("GET", tenant + "/webhook", null), 200);
        BankFixture.require(api.admin("POST", tenant + "/webhook/secret", null), 200);
    }

    /** The tenant's external risk engine: configured, replaced, read and removed before any attempt calls it. */
    private void riskEngine(String tenant) {
        Map<String, String> engine = Map.of("url", "https://fraud.bank.example/assess", "fallback", "deny");
        BankFixture.require(api.admin("PUT", tenant + "/risk/engine", engine), 201);
        BankFixture.require(api.admin("PUT", tenant + "/risk/engine", engine), 200);
        BankFixture.require(api.admin("GET", tenant + "/risk/engine", null), 200);
        BankFixture.require(api.admin("DELETE", tenant + "/risk/engine", null), 204);
    }

    private void sessionRevocation(BankFixture bank, SoftwareAuthenticator phone, String username, UUID customerId) {
        JsonNode first = bank.tokens(phone, username);
        BankFixture.require(bank.backend("POST", "/sessions/" + first.path("session_id").asString() + "/revoke", null), 204);
        JsonNode second = bank.tokens(phone, username);
        BankFixture.require(bank.me("POST", "/enrollment-grants", second.path("access_token").asString(), null), 201);
        BankFixture.require(bank.me("POST", "/sessions/revoke-all", second.path("access_token").asString(), null), 200);
        bank.tokens(phone, username);
        BankFixture.require(bank.backend("POST", "/customers/" + customerId + "/sessions/revoke-all", null), 200);
    }

    private void usernamelessSignIn(BankFixture bank, SoftwareAuthenticator phone) {
        String challenge = api.post(bank.path("/authentication/options"), Map.of()).json().path("challenge").asString();
        BankFixture.require(api.post(bank.path("/authentication/verify"),
                phone.authenticate(AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID))), 200);
    }

    private void stepUp(BankFixture bank, SoftwareAuthenticator securityKey, String username, String accessToken) {
        BankFixture.require(bank.signIn(securityKey, username, Map.of("acr_values", "aal3"), TenantFixture.ORIGIN,
                UnaryOperator.identity(), "Authorization", "Bearer " + accessToken), 200);
    }

    private void selfService(BankFixture bank, String accessToken) {
        JsonNode devices = bank.me("GET", "/devices", accessToken, null).json();
        BankFixture.require(bank.me("GET", "/sessions", accessToken, null), 200);
        BankFixture.require(bank.me("GET", "/session", accessToken, null), 200);
        BankFixture.require(bank.me("GET", "/activity", accessToken, null), 200);
        BankFixture.require(bank.me("PATCH", "/devices/" + devices.get(0).path("id").asString(), accessToken,
                Map.of("name", "My phone")), 200);
    }

    /**
     * The tenant's apps replaced and read; the device's challenge, a refused and a verified Android
     * attestation, and an assertion refused for want of an App Attest key; the next sign-in reads the
     * attested posture.
     */
    private void appIntegrity(BankFixture bank, String accessToken, UUID deviceId) {
        String apps = "/v1/admin/tenants/" + bank.tenantId() + "/apps";
        BankFixture.require(api.admin("PUT", apps, Map.of("android", List.of(Map.of("packageName",
                TestKeyAttestations.PACKAGE, "signingCertificateDigests", List.of(TestKeyAttestations.signingDigest()))))),
                200);
        BankFixture.require(api.admin("GET", apps, null), 200);
        String device = "/devices/" + deviceId;
        Map<String, Object> refused = Map.of("challenge", "no-such-challenge",
                "android", Map.of("packageName", TestKeyAttestations.PACKAGE, "certificateChain", List.of("AAAA")));
        BankFixture.require(bank.me("POST", device + "/app-attestation", accessToken, refused), 400);
        String challenge = bank.me("POST", device + "/app-attestation/challenge", accessToken, null).json()
                .path("challenge").asString();
        List<String> chain = ANDROID.chain(Base64.getUrlDecoder().decode(challenge)).stream()
                .map(der -> Base64.getUrlEncoder().withoutPadding().encodeToString(der)).toList();
        BankFixture.require(bank.me("POST", device + "/app-attestation", accessToken, Map.of("challenge", challenge,
                "android", Map.of("packageName", TestKeyAttestations.PACKAGE, "certificateChain", chain))), 200);
        BankFixture.require(bank.me("POST", device + "/app-assertion", accessToken,
                Map.of("assertion", "AAAA", "clientData", "AAAA")), 409);
    }

    /** A context key registered, listed and removed, and a sign-in with the bank's context verified by it. */
    private void bankContext(BankFixture bank, SoftwareAuthenticator phone, String username) {
        String keys = "/v1/admin/tenants/" + bank.tenantId() + "/risk/context-keys";
        ECKey key = SignedContexts.generate("noscan-context");
        BankFixture.require(api.admin("POST", keys, Map.of("jwk", key.toPublicJWK().toJSONObject())), 201);
        BankFixture.require(api.admin("GET", keys, null), 200);
        String context = SignedContexts.sign(key, new JWTClaimsSet.Builder().audience(publicUrl.issuer(bank.tenantId()))
                .jwtID(UUID.randomUUID().toString()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        BankFixture.require(bank.signIn(phone, username, Map.of("context", context), TenantFixture.ORIGIN,
                UnaryOperator.identity()), 200);
        BankFixture.require(api.admin("DELETE", keys + "/noscan-context", null), 204);
    }

    private void crossChannel(BankFixture bank, SoftwareAuthenticator phone, String username) {
        String phoneToken = bank.signIn(phone, username, Map.of(), BankFixture.ANDROID_ORIGIN, UnaryOperator.identity())
                .json().path("access_token").asString();
        JsonNode request = api.post(bank.path("/cross-channel"), null).json();
        String id = request.path("id").asString();
        String[] web = {"Authorization", "Bearer " + request.path("pollSecret").asString()};
        BankFixture.require(api.get(bank.path("/cross-channel/" + id), web), 200);
        Response options = api.post(bank.path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken);
        String challenge = options.json().path("publicKey").path("challenge").asString();
        JsonNode assertion = ApiClient.JSON.readTree(phone.authenticate(
                AuthenticationInput.of(challenge, BankFixture.ANDROID_ORIGIN, TenantFixture.RP_ID)));
        BankFixture.require(api.post(bank.path("/cross-channel/" + id + "/approval"),
                Map.of("userCode", "AAAA-AAAA", "credential", assertion), "Authorization", "Bearer " + phoneToken), 403);
        BankFixture.require(api.post(bank.path("/cross-channel/" + id + "/approval"),
                Map.of("userCode", request.path("userCode").asString(), "credential", assertion),
                "Authorization", "Bearer " + phoneToken), 204);
        BankFixture.require(api.post(bank.path("/cross-channel/" + id + "/token"), null, web), 200);
    }

    /** A transaction registered, looked up, approved, its evidence read and held; others declined and cancelled. */
    private void transactions(BankFixture bank, SoftwareAuthenticator phone, String username, UUID customerId) {
        String token = bank.tokens(phone, username).path("access_token").asString();
        Map<String, Object> payment = Map.of("customerId", customerId.toString(), "type", "payment",
                "amount", Map.of("value", "1250.00", "currency", "EUR"),
                "payee", Map.of("name", "ACME GmbH", "account", "DE89370400440532013000"));
        String approved = bank.backend("POST", "/transactions", payment).json().path("id").asString();
        String declined = bank.backend("POST", "/transactions", payment).json().path("id").asString();
        String cancelled = bank.backend("POST", "/transactions", payment).json().path("id").asString();
        BankFixture.require(bank.backend("GET", "/transactions/" + approved, null), 200);
        String challenge = api.post(bank.path("/transactions/" + approved + "/approval/options"), null,
                "Authorization", "Bearer " + token).json().path("publicKey").path("challenge").asString();
        BankFixture.require(api.post(bank.path("/transactions/" + approved + "/approval"), phone.authenticate(
                AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID)),
                "Authorization", "Bearer " + token), 200);
        BankFixture.require(bank.backend("GET", "/transactions/" + approved + "/evidence", null), 200);
        BankFixture.require(bank.backend("PUT", "/transactions/" + approved + "/legal-hold", Map.of("hold", true)), 200);
        BankFixture.require(bank.backend("PUT", "/transactions/" + approved + "/legal-hold", Map.of("hold", false)), 200);
        signingKeys.rotate(bank.tenantId(), KeyPurpose.EVIDENCE, Duration.ZERO);
        BankFixture.require(api.get(bank.path("/evidence/jwks.json")), 200);
        BankFixture.require(api.post(bank.path("/transactions/" + declined + "/decline"), null,
                "Authorization", "Bearer " + token), 200);
        BankFixture.require(bank.backend("POST", "/transactions/" + cancelled + "/cancel", null), 200);
    }

    private void deviceChanges(BankFixture bank, UUID customerId, UUID deviceId) {
        String device = "/customers/" + customerId + "/devices/" + deviceId;
        BankFixture.require(bank.backend("GET", "/customers/" + customerId, null), 200);
        BankFixture.require(bank.backend("GET", "/customers/" + customerId + "/devices", null), 200);
        BankFixture.require(bank.backend("GET", "/customers/" + customerId + "/sessions", null), 200);
        BankFixture.require(bank.backend("GET", "/customers/" + customerId + "/activity", null), 200);
        BankFixture.require(bank.backend("PATCH", device, Map.of("name", "Work phone")), 200);
        BankFixture.require(bank.backend("POST", device + "/suspend", null), 200);
        BankFixture.require(bank.backend("POST", device + "/resume", null), 200);
        BankFixture.require(bank.backend("POST", device + "/revoke", null), 200);
        BankFixture.require(bank.backend("POST", "/customers/" + customerId + "/devices/revoke-all", null), 200);
    }

    private void auditReads(String tenantId, UUID customerId) {
        String audit = "/v1/admin/tenants/" + tenantId + "/audit";
        awaitSealed();
        JsonNode heads = api.admin("GET", audit + "/tree-heads", null).json();
        long size = heads.get(heads.size() - 1).path("treeSize").asLong();
        long first = heads.get(0).path("treeSize").asLong();
        JsonNode events = api.admin("GET", audit + "/events?customerId=" + customerId, null).json();
        long eventId = events.path("items").get(0).path("id").asLong();
        BankFixture.require(api.admin("GET", audit + "/proofs/inclusion?eventId=" + eventId + "&treeSize=" + size, null), 200);
        BankFixture.require(api.admin("GET", audit + "/proofs/consistency?first=" + first + "&second=" + size, null), 200);
        BankFixture.require(api.admin("GET", audit + "/public-keys", null), 200);
        BankFixture.require(api.admin("GET", audit + "/tree-heads?after=" + first + "&limit=1", null), 200);
    }

    /** Waits, boundedly, until every event is sealed and exported, and the purges and retention have run. */
    private void awaitSealedAndJobsRun(String tenantId) throws InterruptedException {
        awaitSealed();
        long leaves = count("SELECT count(*) FROM audit_leaf WHERE tenant_id = '" + tenantId + "'");
        for (int i = 0; i < 300 && SIEM.acknowledged("/siem", tenantId).size() < leaves; i++) {
            Thread.sleep(100);
        }
        assertThat(SIEM.acknowledged("/siem", tenantId)).as("the SIEM export ran").hasSize((int) leaves);
        Thread.sleep(1500);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = connect();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitSealed() {
        for (int i = 0; i < 300; i++) {
            if (count("SELECT (SELECT count(*) FROM audit_event) - (SELECT count(*) FROM audit_leaf)") == 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the sealer did not seal every event within 30 s");
    }

    private List<Finding> findings(List<RecordedStatement> statements) throws SQLException {
        try (Connection c = connect()) {
            return IndexUseCheck.findings(c, statements);
        }
    }

    private static List<String> sqlOf(List<RecordedStatement> statements) {
        return statements.stream().map(RecordedStatement::sql).toList();
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.scans() + "\n    " + f.sql().replaceAll("\\s+", " "))
                .collect(Collectors.joining("\n", "statements that scan:\n", ""));
    }
}
