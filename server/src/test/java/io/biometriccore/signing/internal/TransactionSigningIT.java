package io.biometriccore.signing.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditExport;
import io.biometriccore.audittools.MerkleTree;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.shared.ExpiredRows;
import io.biometriccore.shared.ExpiredRows.Purge;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The bank registers a transaction, its customer approves it with a passkey whose challenge is
 * derived from the transaction (PSD2 dynamic linking), and the bank fetches evidence that verifies
 * with the tenant's evidence keys alone. Every way an approval can be refused is refused with its code.
 */
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = {"biometric.transactions.expiry-interval=PT24H", "biometric.purge.interval=PT24H"})
class TransactionSigningIT extends PostgresIntegrationTest {

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionExpiry expiry;

    @Autowired
    ExpiredRows expiredRows;

    @Autowired
    List<Purge> purges;

    @Autowired
    SigningKeys signingKeys;

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;
    private UUID customerId;
    private String token;

    @BeforeEach
    void customerSignedIn() {
        bank = BankFixture.withSigning(api, "sign-bank", Map.of("userVerification", "preferred"),
                Map.of("deviceBoundAbove", Map.of("EUR", 100000), "evidenceRetention", "P10Y"));
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "payer" + System.nanoTime();
        customerId = bank.enrolled(username, phone);
        token = bank.tokens(phone, username).path("access_token").asString();
    }

    @Test
    void approvesAPaymentToANamedPayeeAndItsEvidenceVerifiesWithTheEvidenceKeys() throws Exception {
        JsonNode registered = register(payment("1250.00"));
        String id = registered.path("id").asString();
        assertThat(registered.path("status").asString()).isEqualTo("pending");
        assertThat(registered.path("transaction").path("payee").path("name").asString()).isEqualTo("ACME GmbH");
        assertThat(registered.path("display").path("amount").asString()).isEqualTo("1250.00 EUR");

        JsonNode options = options(id, token);
        assertThat(options.path("publicKey").path("userVerification").asString()).isEqualTo("required");
        assertThat(options.path("display").path("payee").asString()).isEqualTo("ACME GmbH (DE89370400440532013000)");
        Response approved = approve(id, token, phone, challenge(options), UnaryOperator.identity());

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("approved");
        JsonNode shown = bank.backend("GET", "/transactions/" + id, null).json();
        assertThat(shown.path("status").asString()).isEqualTo("approved");
        assertThat(shown.path("credentialId").asString()).isEqualTo(phone.credentialIdBase64Url());
        assertThat(shown.path("deviceId").asString()).isEqualTo(bank.firstDevice(customerId).toString());
        assertThat(shown.path("method").asString()).isEqualTo("webauthn");
        assertThat(shown.path("approvedAt").asString()).isNotEmpty();

        JsonNode bundle = sealedBundle(id);
        JWSObject jws = JWSObject.parse(bundle.path("evidence").asString());
        JWKSet published = JWKSet.parse(api.get(bank.path("/evidence/jwks.json")).body());
        ECKey key = (ECKey) published.getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key).as("the evidence key is published").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jws.getHeader().getType().getType()).isEqualTo("bc-evidence+json");
        JsonNode record = ApiClient.JSON.readTree(jws.getPayload().toString());
        assertThat(CanonicalJson.bytes(record)).isEqualTo(jws.getPayload().toBytes());
        assertThat(record.path("format").asString()).isEqualTo("biometric-core/evidence/v1");
        assertThat(record.path("transaction")).isEqualTo(shown.path("transaction"));
        assertThat(record.path("transactionHash").asString()).isEqualTo(shown.path("hash").asString())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(
                        sha256(CanonicalJson.bytes(record.path("transaction")))));
        byte[] challenge = sha256(B64.decode(record.path("challenge").path("nonce").asString()),
                B64.decode(record.path("transactionHash").asString()));
        assertThat(B64.decode(record.path("challenge").path("value").asString())).isEqualTo(challenge);
        JsonNode clientData = ApiClient.JSON.readTree(B64.decode(record.path("assertion").path("clientDataJSON").asString()));
        assertThat(B64.decode(clientData.path("challenge").asString())).isEqualTo(challenge);
        assertThat(record.path("credential").path("backupEligible").asBoolean()).isFalse();
        assertThat(record.path("device").path("id").asString()).isEqualTo(shown.path("deviceId").asString());
        assertThat(record.path("relyingParty").path("rpId").asString()).isEqualTo(TenantFixture.RP_ID);

        JsonNode event = bundle.path("auditEvent");
        assertThat(event.path("eventType").asString()).isEqualTo("transaction.approved");
        assertThat(event.path("reason").asString()).isEqualTo("sha256:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sha256(bundle.path("evidence").asString().getBytes(StandardCharsets.US_ASCII))));
        assertThat(reachesTheRoot(bundle)).as("the inclusion proof reaches the tree head's root").isTrue();
        assertThat(JWKSet.parse(ApiClient.JSON.writeValueAsString(bundle.path("keys"))).getKeyByKeyId(
                jws.getHeader().getKeyID())).isNotNull();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "sample-bundle.json"), ApiClient.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(bundle));
        Asserted.event("transaction.approved");
    }

    @Test
    void aBatchBindsItsTotalAndEveryPayee() throws Exception {
        Map<String, Object> batch = Map.of("customerId", customerId.toString(), "type", "batch_payment",
                "amount", Map.of("value", "300.50", "currency", "EUR"), "reference", "Payroll 11/2026",
                "items", List.of(item("100.25", "Ann Smith", "DE02120300000000202051"),
                        item("200.25", "Bob Jones", "DE02500105170137075030")));
        JsonNode registered = register(batch);
        String id = registered.path("id").asString();
        assertThat(registered.path("transaction").path("items")).hasSize(2);
        assertThat(registered.path("display").path("items").valueStream().map(JsonNode::asString))
                .containsExactly("100.25 EUR to Ann Smith (DE02120300000000202051)",
                        "200.25 EUR to Bob Jones (DE02500105170137075030)");

        Response approved = approve(id, token, phone, challenge(options(id, token)), UnaryOperator.identity());

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode record = ApiClient.JSON.readTree(JWSObject.parse(bank.backend("GET", "/transactions/" + id + "/evidence",
                null).json().path("evidence").asString()).getPayload().toString());
        assertThat(record.path("transaction").path("amount").path("value").asString()).isEqualTo("300.50");
        assertThat(record.path("transaction").path("items").valueStream()
                .map(i -> i.path("payee").path("name").asString())).containsExactly("Ann Smith", "Bob Jones");
    }

    @Test
    void refusesABatchWhoseTotalIsNotTheSumOfItsItems() {
        Response refused = bank.backend("POST", "/transactions", Map.of("customerId", customerId.toString(),
                "type", "batch_payment", "amount", Map.of("value", "300.00", "currency", "EUR"),
                "items", List.of(item("100.25", "Ann Smith", "DE02120300000000202051"))));

        assertProblem(refused, 400, "transaction_invalid");
        assertThat(refused.json().path("detail").asString()).contains("amount must be the sum of the items, 100.25");
    }

    @Test
    void refusesAnAmountWithoutTheCurrencysMinorUnitsAndAnUnknownCustomer() {
        Response badAmount = bank.backend("POST", "/transactions", payment("1250.5"));
        assertProblem(badAmount, 400, "transaction_invalid");
        assertThat(badAmount.json().path("detail").asString()).startsWith("amount.value");

        Map<String, Object> stranger = new java.util.HashMap<>(payment("10.00"));
        stranger.put("customerId", UUID.randomUUID().toString());
        assertProblem(bank.backend("POST", "/transactions", stranger), 404, "customer_not_found");
    }

    @Test
    void refusesALoginAssertionAsAnApproval() {
        String id = register(payment("10.00")).path("id").asString();
        String loginChallenge = api.post(bank.path("/authentication/options"), Map.of("username", username)).json()
                .path("challenge").asString();

        assertProblem(approve(id, token, phone, loginChallenge, UnaryOperator.identity()), 400,
                "ceremony_purpose_mismatch");
        awaitEvent(id, "transaction.approval_failed", "ceremony_purpose_mismatch");
    }

    @Test
    void refusesAnApprovalReplayedOnASecondTransaction() {
        String first = register(payment("10.00")).path("id").asString();
        String second = register(payment("10.00")).path("id").asString();
        String forTheFirst = challenge(options(first, token));

        assertProblem(approve(second, token, phone, forTheFirst, UnaryOperator.identity()), 400,
                "transaction_mismatch");
        assertThat(status(second)).isEqualTo("pending");
        assertThat(status(first)).isEqualTo("pending");
    }

    @Test
    void approvesOnlyOnce() {
        String id = register(payment("10.00")).path("id").asString();
        BankFixture.require(approve(id, token, phone, challenge(options(id, token)), UnaryOperator.identity()), 200);

        assertProblem(api.post(bank.path("/transactions/" + id + "/approval/options"), null, bearer(token)), 409,
                "transaction_not_pending");
        Response again = approve(id, token, phone, challenge(options(register(payment("10.00")).path("id").asString(),
                token)), UnaryOperator.identity());
        assertProblem(again, 409, "transaction_not_pending");
        assertThat(again.json().path("detail").asString()).contains("approved");
    }

    @Test
    void ofTwoConcurrentApprovalsExactlyOneWins() {
        SoftwareAuthenticator laptop = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        BankFixture.require(bank.register(laptop, bank.grant(customerId), UnaryOperator.identity()), 200);
        String id = register(payment("10.00")).path("id").asString();
        String onThePhone = challenge(options(id, token));
        String onTheLaptop = challenge(options(id, token));

        CompletableFuture<Response> one = CompletableFuture.supplyAsync(
                () -> approve(id, token, phone, onThePhone, UnaryOperator.identity()));
        CompletableFuture<Response> other = CompletableFuture.supplyAsync(
                () -> approve(id, token, laptop, onTheLaptop, UnaryOperator.identity()));
        List<Response> answers = List.of(one.join(), other.join());

        assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
        assertProblem(answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow(), 409,
                "transaction_not_pending");
        assertThat(events(id, "transaction.approved")).isEqualTo(1);
    }

    @Test
    void aDeclineRacingAnApprovalLeavesExactlyOneOutcomeAndNothingUndoesIt() {
        for (int round = 0; round < 3; round++) {
            String id = register(payment("10.00")).path("id").asString();
            String challenge = challenge(options(id, token));

            CompletableFuture<Response> approval = CompletableFuture.supplyAsync(
                    () -> approve(id, token, phone, challenge, UnaryOperator.identity()));
            CompletableFuture<Response> decline = CompletableFuture.supplyAsync(
                    () -> api.post(bank.path("/transactions/" + id + "/decline"), null, bearer(token)));
            Response approved = approval.join();
            Response declined = decline.join();

            assertThat(List.of(approved.status(), declined.status())).containsExactlyInAnyOrder(200, 409);
            Response loser = approved.status() == 409 ? approved : declined;
            assertProblem(loser, 409, "transaction_not_pending");
            String outcome = approved.status() == 200 ? "approved" : "declined";
            assertThat(status(id)).isEqualTo(outcome);
            assertThat(events(id, "transaction.approved") + events(id, "transaction.declined")).isEqualTo(1);
            assertProblem(bank.backend("POST", "/transactions/" + id + "/cancel", null), 409, "transaction_not_pending");
            assertProblem(api.post(bank.path("/transactions/" + id + "/decline"), null, bearer(token)), 409,
                    "transaction_not_pending");
            assertThat(status(id)).isEqualTo(outcome);
        }
    }

    @Test
    void refusesAnExpiredTransactionAndTheExpiryJobExpiresItOnce() {
        String id = register(payment("10.00")).path("id").asString();
        String challenge = challenge(options(id, token));
        clock.advance(Duration.ofMinutes(6));
        token = bank.tokens(phone, username).path("access_token").asString();

        assertProblem(approve(id, token, phone, challenge, UnaryOperator.identity()), 409, "transaction_expired");
        assertProblem(api.post(bank.path("/transactions/" + id + "/approval/options"), null, bearer(token)), 409,
                "transaction_expired");
        assertThat(expiry.expireDue()).isGreaterThanOrEqualTo(1);
        expiry.expireDue();
        assertThat(status(id)).isEqualTo("expired");
        assertThat(events(id, "transaction.expired")).isEqualTo(1);
        Asserted.event("transaction.expired");
        assertProblem(bank.backend("GET", "/transactions/" + id + "/evidence", null), 409, "evidence_not_available");
    }

    @Test
    void refusesACancelledTransaction() {
        String id = register(payment("10.00")).path("id").asString();
        String challenge = challenge(options(id, token));
        Response cancelled = bank.backend("POST", "/transactions/" + id + "/cancel", null);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");

        Response refused = approve(id, token, phone, challenge, UnaryOperator.identity());

        assertProblem(refused, 409, "transaction_not_pending");
        assertThat(refused.json().path("detail").asString()).contains("cancelled");
        assertProblem(bank.backend("POST", "/transactions/" + id + "/cancel", null), 409, "transaction_not_pending");
        assertThat(events(id, "transaction.cancelled")).isEqualTo(1);
        Asserted.event("transaction.cancelled");
    }

    @Test
    void refusesADeclinedTransaction() {
        String id = register(payment("10.00")).path("id").asString();
        String challenge = challenge(options(id, token));
        Response declined = api.post(bank.path("/transactions/" + id + "/decline"), null, bearer(token));
        assertThat(declined.json().path("status").asString()).isEqualTo("declined");

        assertProblem(approve(id, token, phone, challenge, UnaryOperator.identity()), 409, "transaction_not_pending");
        assertProblem(api.post(bank.path("/transactions/" + id + "/decline"), null, bearer(token)), 409,
                "transaction_not_pending");
        assertThat(events(id, "transaction.declined")).isEqualTo(1);
        Asserted.event("transaction.declined");
    }

    @Test
    void refusesAnotherCustomersCredential() {
        SoftwareAuthenticator strangers = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("stranger" + System.nanoTime(), strangers);
        String id = register(payment("10.00")).path("id").asString();

        assertProblem(approve(id, token, strangers, challenge(options(id, token)), UnaryOperator.identity()), 400,
                "credential_user_mismatch");
        assertThat(status(id)).isEqualTo("pending");
    }

    @Test
    void anotherCustomersTokenFindsNoTransaction() {
        SoftwareAuthenticator strangers = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String stranger = "stranger" + System.nanoTime();
        bank.enrolled(stranger, strangers);
        String strangersToken = bank.tokens(strangers, stranger).path("access_token").asString();
        String id = register(payment("10.00")).path("id").asString();
        String path = "/transactions/" + id;

        Response theirs = api.post(bank.path(path + "/approval/options"), null, bearer(strangersToken));
        Response unknown = api.post(bank.path("/transactions/" + UUID.randomUUID() + "/approval/options"), null,
                bearer(strangersToken));

        assertProblem(theirs, 404, "transaction_not_found");
        assertProblem(unknown, 404, "transaction_not_found");
        assertThat(theirs.json().path("detail").asString()).isEqualTo(unknown.json().path("detail").asString());
        assertProblem(api.post(bank.path(path + "/decline"), null, bearer(strangersToken)), 404, "transaction_not_found");
        assertProblem(approve(id, strangersToken, strangers, challenge(options(id, token)), UnaryOperator.identity()),
                404, "transaction_not_found");
        assertProblem(bank.backend("GET", "/transactions/" + UUID.randomUUID(), null), 404, "transaction_not_found");
    }

    @Test
    void refusesAnApprovalWithoutUserVerificationWhateverTheTenantsPolicy() {
        String id = register(payment("10.00")).path("id").asString();

        assertProblem(approve(id, token, phone, challenge(options(id, token)), in -> in.withUserVerified(false)), 400,
                "user_verification_required");
    }

    @Test
    void refusesASyncedPasskeyAboveTheDeviceBoundThreshold() {
        SoftwareAuthenticator synced = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        BankFixture.require(bank.register(synced, bank.grant(customerId),
                in -> in.withBackupEligible(true).withBackupState(true)), 200);
        UnaryOperator<AuthenticationInput> backedUp = in -> in.withBackupEligible(true).withBackupState(true);
        String above = register(payment("1000.01")).path("id").asString();
        String atTheThreshold = register(payment("1000.00")).path("id").asString();

        assertProblem(approve(above, token, synced, challenge(options(above, token)), backedUp), 403,
                "signing_policy_device_bound_required");
        assertThat(approve(atTheThreshold, token, synced, challenge(options(atTheThreshold, token)), backedUp).status())
                .isEqualTo(200);
        assertThat(approve(above, token, phone, challenge(options(above, token)), UnaryOperator.identity()).status())
                .as("a device-bound passkey may").isEqualTo(200);
    }

    @Test
    void aTransactionAssertionDoesNotApproveACrossChannelSignIn() {
        String id = register(payment("10.00")).path("id").asString();
        JsonNode request = api.post(bank.path("/cross-channel"), null).json();
        String assertion = phone.authenticate(AuthenticationInput.of(challenge(options(id, token)),
                TenantFixture.ORIGIN, TenantFixture.RP_ID));

        assertProblem(api.post(bank.path("/cross-channel/" + request.path("id").asString() + "/approval"),
                Map.of("userCode", request.path("userCode").asString(), "credential", ApiClient.JSON.readTree(assertion)),
                bearer(token)), 400, "ceremony_purpose_mismatch");
        assertThat(status(id)).isEqualTo("pending");
    }

    @Test
    void theTenantsSigningPolicyIsValidated() {
        Response refused = api.admin("PUT", "/v1/admin/tenants/bad-signing-bank", Map.of("rpId", TenantFixture.RP_ID,
                "rpName", "Bank", "allowedOrigins", List.of(TenantFixture.ORIGIN),
                "signing", Map.of("deviceBoundAbove", Map.of("EURO", 100))));

        assertProblem(refused, 400, "tenant_invalid");
        assertThat(refused.json().path("detail").asString()).contains("signing.deviceBoundAbove: EURO");
        JsonNode stored = api.admin("GET", "/v1/admin/tenants/" + bank.tenantId(), null).json().path("signing");
        assertThat(stored.path("deviceBoundAbove").path("EUR").asLong()).isEqualTo(100000);
        assertThat(stored.path("evidenceRetention").asString()).isEqualTo("P10Y");
    }

    @Test
    void aTransactionAssertionNeitherSignsInNorStepsUp() {
        String id = register(payment("10.00")).path("id").asString();

        String signIn = phone.authenticate(AuthenticationInput.of(challenge(options(id, token)), TenantFixture.ORIGIN,
                TenantFixture.RP_ID));
        assertProblem(api.post(bank.path("/authentication/verify"), signIn), 400, "ceremony_purpose_mismatch");
        String stepUp = phone.authenticate(AuthenticationInput.of(challenge(options(id, token)), TenantFixture.ORIGIN,
                TenantFixture.RP_ID));
        assertProblem(api.post(bank.path("/authentication/verify"), stepUp, bearer(token)), 400,
                "ceremony_purpose_mismatch");
        assertThat(status(id)).isEqualTo("pending");
    }

    @Test
    void auditsEveryRegistrationAndApprovalOnce() {
        String id = register(payment("10.00")).path("id").asString();
        BankFixture.require(approve(id, token, phone, challenge(options(id, token)), UnaryOperator.identity()), 200);

        assertThat(events(id, "transaction.registered")).isEqualTo(1);
        assertThat(events(id, "transaction.approved")).isEqualTo(1);
        Asserted.event("transaction.registered");
        JsonNode activity = bank.me("GET", "/activity", token, null).json().path("items");
        assertThat(activity.valueStream().map(item -> item.path("title").asString())).contains("Transaction approved")
                .doesNotContain("Transaction registered");
    }

    @Test
    void theCustomersErasureKeepsTheEvidence() {
        String id = register(payment("10.00")).path("id").asString();
        BankFixture.require(approve(id, token, phone, challenge(options(id, token)), UnaryOperator.identity()), 200);
        String before = bank.backend("GET", "/transactions/" + id + "/evidence", null).json().path("evidence").asString();

        BankFixture.require(bank.backend("DELETE", "/customers/" + customerId, null), 204);

        Response after = bank.backend("GET", "/transactions/" + id + "/evidence", null);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().path("evidence").asString()).isEqualTo(before);
    }

    @Test
    void legalHoldBlocksTheRetentionPurge() {
        String held = register(payment("10.00")).path("id").asString();
        String kept = register(payment("10.00")).path("id").asString();
        for (String id : List.of(held, kept)) {
            BankFixture.require(approve(id, token, phone, challenge(options(id, token)), UnaryOperator.identity()), 200);
        }
        Response hold = api.put(bank.path("/transactions/" + held + "/legal-hold"), Map.of("hold", true),
                "Authorization", "Bearer " + bank.apiKey());
        assertThat(hold.json().path("legalHold").asBoolean()).isTrue();
        Asserted.event("transaction.legal_hold_changed");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :t AND event_type = :type")
                .param("t", bank.tenantId()).param("type", "transaction.legal_hold_changed").query(Long.class).single())
                .isEqualTo(1);
        clock.advance(Duration.ofDays(3660 + 30));

        purgeEvidence();

        assertThat(bank.backend("GET", "/transactions/" + held + "/evidence", null).status()).isEqualTo(200);
        assertProblem(bank.backend("GET", "/transactions/" + kept + "/evidence", null), 404, "transaction_not_found");
        BankFixture.require(api.put(bank.path("/transactions/" + held + "/legal-hold"), Map.of("hold", false),
                "Authorization", "Bearer " + bank.apiKey()), 200);
        purgeEvidence();
        assertProblem(bank.backend("GET", "/transactions/" + held + "/evidence", null), 404, "transaction_not_found");
    }

    @Test
    void aRetiredEvidenceKeyStaysPublishedWhileEvidenceItSignedIsKept() throws Exception {
        String id = register(payment("10.00")).path("id").asString();
        BankFixture.require(approve(id, token, phone, challenge(options(id, token)), UnaryOperator.identity()), 200);
        String kid = JWSObject.parse(bank.backend("GET", "/transactions/" + id + "/evidence", null).json()
                .path("evidence").asString()).getHeader().getKeyID();

        String next = signingKeys.rotate(bank.tenantId(), KeyPurpose.EVIDENCE, Duration.ZERO).kid();
        clock.advance(Duration.ofDays(1));

        JWKSet published = JWKSet.parse(api.get(bank.path("/evidence/jwks.json")).body());
        assertThat(published.getKeyByKeyId(kid)).as("the retired key that signed kept evidence").isNotNull();
        assertThat(published.getKeyByKeyId(next)).as("the active key").isNotNull();
    }

    private void purgeEvidence() {
        purges.stream().filter(p -> p.table().equals("evidence"))
                .forEach(p -> expiredRows.purge(p, clock.instant()));
    }

    private JsonNode register(Map<String, Object> body) {
        Response registered = bank.backend("POST", "/transactions", body);
        BankFixture.require(registered, 201);
        return registered.json();
    }

    private Map<String, Object> payment(String value) {
        return Map.of("customerId", customerId.toString(), "type", "payment",
                "amount", Map.of("value", value, "currency", "EUR"),
                "payee", Map.of("name", "ACME GmbH", "account", "DE89370400440532013000"),
                "text", "Invoice 2026-117", "reference", "INV-2026-117");
    }

    private static Map<String, Object> item(String value, String name, String account) {
        return Map.of("amount", Map.of("value", value, "currency", "EUR"), "payee", Map.of("name", name, "account", account));
    }

    private JsonNode options(String id, String accessToken) {
        Response options = api.post(bank.path("/transactions/" + id + "/approval/options"), null, bearer(accessToken));
        BankFixture.require(options, 200);
        return options.json();
    }

    private static String challenge(JsonNode options) {
        return options.path("publicKey").path("challenge").asString();
    }

    private Response approve(String id, String accessToken, SoftwareAuthenticator authenticator, String challenge,
            UnaryOperator<AuthenticationInput> tamper) {
        String assertion = authenticator.authenticate(tamper.apply(
                AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID)));
        return api.post(bank.path("/transactions/" + id + "/approval"), assertion, bearer(accessToken));
    }

    private String status(String id) {
        return bank.backend("GET", "/transactions/" + id, null).json().path("status").asString();
    }

    private static String[] bearer(String accessToken) {
        return new String[] {"Authorization", "Bearer " + accessToken};
    }

    /** Events of the type about the transaction: by its id as the reason, or (approved) by its evidence. */
    private long events(String id, String type) {
        if (type.equals("transaction.approved")) {
            return jdbc.sql("""
                    SELECT count(*) FROM audit_event e JOIN evidence v ON v.audit_event_id = e.id
                     WHERE v.transaction_id = :id AND e.event_type = :type""")
                    .param("id", UUID.fromString(id)).param("type", type).query(Long.class).single();
        }
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :t AND event_type = :type AND reason = :id")
                .param("t", bank.tenantId()).param("type", type).param("id", id).query(Long.class).single();
    }

    /** A failure is written after the failing request's transaction, on its own: waited for, boundedly. */
    private void awaitEvent(String id, String type, String reason) {
        for (int i = 0; i < 100; i++) {
            long found = jdbc.sql("""
                    SELECT count(*) FROM audit_event WHERE tenant_id = :t AND event_type = :type AND reason = :reason
                       AND customer_id = :customer""")
                    .param("t", bank.tenantId()).param("type", type).param("reason", reason)
                    .param("customer", customerId).query(Long.class).single();
            if (found > 0) {
                Asserted.event(type);
                return;
            }
            sleep();
        }
        throw new AssertionError("no " + type + " event with reason " + reason + " for " + id);
    }

    /** The bundle once the sealer has taken its audit event into a signed tree head. */
    private JsonNode sealedBundle(String id) {
        for (int i = 0; i < 300; i++) {
            Response bundle = bank.backend("GET", "/transactions/" + id + "/evidence", null);
            BankFixture.require(bundle, 200);
            if (!bundle.json().path("inclusionProof").isNull()) {
                return bundle.json();
            }
            sleep();
        }
        throw new AssertionError("the approval's audit event was not sealed within 30 s");
    }

    /** RFC 9162 §2.1.3.2: the audit path from the event's own leaf hash reaches the signed root. */
    private static boolean reachesTheRoot(JsonNode bundle) throws Exception {
        JsonNode proof = bundle.path("inclusionProof");
        String lines = "{\"kind\":\"header\",\"tenantId\":\"" + bundle.path("auditEvent").path("tenantId").asString()
                + "\",\"exportedAt\":\"2026-01-01T00:00:00Z\"}\n" + ApiClient.JSON.writeValueAsString(bundle.path("auditEvent"));
        AuditEntry entry = AuditExport.read(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8))).events()
                .getFirst();
        long index = proof.path("leafIndex").asLong();
        byte[] hash = entry.leafHash(index);
        if (!MessageDigest.isEqual(hash, B64.decode(proof.path("leafHash").asString()))) {
            return false;
        }
        long fn = index;
        long sn = proof.path("treeSize").asLong() - 1;
        List<byte[]> path = new ArrayList<>();
        proof.path("auditPath").forEach(p -> path.add(B64.decode(p.asString())));
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                hash = MerkleTree.nodeHash(p, hash);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                hash = MerkleTree.nodeHash(hash, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(hash, B64.decode(proof.path("treeHead").path("rootHash").asString()));
    }

    private static byte[] sha256(byte[]... parts) {
        return CanonicalJson.sha256(parts);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
