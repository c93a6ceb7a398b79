package io.biometriccore.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSObject;
import io.biometriccore.audit.internal.AuditSealer;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.webhooks.internal.WebhookReceiver;
import io.biometriccore.webhooks.internal.WebhookReceiver.Delivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 14 end to end, over HTTP on PostgreSQL, as a bank would run it: the bank registers a payment
 * with its tenant event webhook pointing at its receiver, the customer approves it with a passkey, the
 * bank learns the outcome both by polling and by the signed webhook, seals the audit log, fetches the
 * evidence and verifies it offline with evidence-tools' {@code evidence verify} against the keys the
 * server publishes. Every transaction outcome reaches the webhook exactly once.
 */
@Import(MutableClockConfiguration.class)
class TransactionEndToEndIT extends PostgresIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final WebhookReceiver receiver = WebhookReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("biometric.webhooks.allow-http", () -> "true");
        registry.add("biometric.webhooks.poll-interval", () -> "PT0.1S");
        registry.add("biometric.transactions.expiry-interval", () -> "PT24H");
    }

    @AfterAll
    static void closeReceiver() {
        receiver.close();
    }

    @Autowired
    AuditSealer sealer;

    @Autowired
    MutableClock clock;

    @Autowired
    TransactionExpiry expiry;

    @Autowired
    SigningKeys signingKeys;

    @TempDir
    Path dir;

    @Test
    void aPaymentApprovedOverHttpIsNotifiedAndItsSealedEvidenceVerifiesOffline() throws Exception {
        ApprovingCustomer customer = customerWithWebhook("e2e-bank", "/e2e-bank");
        String id = customer.register(customer.payment());

        Response approved = customer.approve(id);

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode shown = customer.shown(id);
        assertThat(shown.path("status").asString()).isEqualTo("approved");
        assertThat(shown.path("credentialId").asString()).isEqualTo(customer.phone.credentialIdBase64Url());
        Delivery notified = awaitDelivery("/e2e-bank", BankNotificationType.TRANSACTION_APPROVED, id);
        assertThat(notified.verified()).isTrue();
        assertThat(notified.json().path("tenantId").asString()).isEqualTo("e2e-bank");

        JsonNode bundle = customer.sealedBundle(id);
        assertThat(bundle.path("inclusionProof").isObject()).as("sealed: the bundle has its inclusion proof").isTrue();
        String keys = customer.publishedKeys();
        OfflineVerification verified = OfflineVerification.of(bundle, keys, dir);

        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.reasons()).isEmpty();
        assertThat(verified.output())
                .contains("Payment of 1250.00 EUR to ACME GmbH, account DE89370400440532013000")
                .contains("credential " + customer.phone.credentialIdBase64Url())
                .contains("pinned: the keys given with --keys")
                .contains("VALID: every check passed");
        knownAnswerCandidate(bundle, keys, verified.output());
    }

    @Test
    void everyOutcomeOfATransactionIsNotifiedOnce() {
        ApprovingCustomer customer = customerWithWebhook("e2e-outcomes", "/e2e-outcomes");
        String approved = customer.register(customer.payment());
        String declined = customer.register(customer.payment());
        String cancelled = customer.register(customer.payment());
        Map<String, Object> shortLived = new HashMap<>(customer.payment());
        shortLived.put("expiresIn", "PT10S");
        String expired = customer.register(shortLived);

        BankFixture.require(customer.approve(approved), 200);
        BankFixture.require(customer.decline(declined), 200);
        BankFixture.require(customer.bank.backend("POST", "/transactions/" + cancelled + "/cancel", null), 200);
        clock.advance(Duration.ofSeconds(11));
        assertThat(expiry.expireDue()).isPositive();
        assertThat(customer.shown(expired).path("status").asString()).isEqualTo("expired");

        Map<String, List<BankNotificationType>> outcomes = Map.of(approved,
                List.of(BankNotificationType.TRANSACTION_CREATED, BankNotificationType.TRANSACTION_APPROVED),
                declined, List.of(BankNotificationType.TRANSACTION_CREATED, BankNotificationType.TRANSACTION_DECLINED),
                cancelled, List.of(BankNotificationType.TRANSACTION_CREATED, BankNotificationType.TRANSACTION_CANCELLED),
                expired, List.of(BankNotificationType.TRANSACTION_CREATED, BankNotificationType.TRANSACTION_EXPIRED));
        await().atMost(DEADLINE).until(() -> receiver.accepted("/e2e-outcomes").size() >= 8);
        outcomes.forEach((id, types) -> assertThat(receiver.accepted("/e2e-outcomes").stream()
                .filter(d -> d.json().path("subject").asString().equals(id)).map(Delivery::type))
                .as("the notifications of transaction %s", id)
                .containsExactlyInAnyOrderElementsOf(types.stream().map(BankNotificationType::wireName).toList()));
        assertThat(receiver.attempts("/e2e-outcomes")).hasSize(8).allSatisfy(d -> assertThat(d.verified()).isTrue());
        assertThat(receiver.accepted("/e2e-outcomes").stream().map(Delivery::eventId).distinct()).hasSize(8);
    }

    @Test
    void aBatchBindsItsTotalAndEveryPayeeAndAChangedItemAmountFailsOffline() {
        ApprovingCustomer customer = customerWithWebhook("e2e-batch", "/e2e-batch");
        String id = customer.register(customer.batch());
        BankFixture.require(customer.approve(id), 200);
        JsonNode bundle = customer.sealedBundle(id);
        String keys = customer.publishedKeys();

        OfflineVerification verified = OfflineVerification.of(bundle, keys, dir);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("300.50 EUR").contains("Ann Smith").contains("DE02120300000000202051")
                .contains("Bob Jones").contains("DE02500105170137075030").contains("100.25 EUR").contains("200.25 EUR");

        JsonNode changed = OfflineVerification.withRecord(bundle, record -> ((ObjectNode)
                record.path("transaction").path("items").get(1).path("amount")).put("value", "2000.25"));
        OfflineVerification tampered = OfflineVerification.of(changed, keys, dir);

        assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
        assertThat(tampered.reasons()).containsExactly("platform_signature_invalid", "transaction_hash_mismatch",
                "audit_event_not_bound");
        assertThat(tampered.output()).contains("INVALID");
    }

    @Test
    void evidenceSignedByARetiredEvidenceKeyStillVerifiesAgainstThePublishedKeys() throws Exception {
        ApprovingCustomer customer = customerWithWebhook("e2e-rotation", "/e2e-rotation");
        String before = customer.register(customer.payment());
        BankFixture.require(customer.approve(before), 200);
        JsonNode old = customer.sealedBundle(before);
        String oldKid = JWSObject.parse(old.path("evidence").asString()).getHeader().getKeyID();

        String newKid = signingKeys.rotate(customer.bank.tenantId(), KeyPurpose.EVIDENCE, Duration.ZERO).kid();
        clock.advance(Duration.ofDays(1));
        String after = customer.register(customer.payment());
        BankFixture.require(customer.approve(after), 200);
        JsonNode fresh = customer.sealedBundle(after);
        String keys = customer.publishedKeys();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(JWSObject.parse(fresh.path("evidence").asString()).getHeader().getKeyID()).isEqualTo(newKid);
        OfflineVerification oldVerified = OfflineVerification.of(old, keys, dir);
        assertThat(oldVerified.exitCode()).as(oldVerified.output()).isZero();
        assertThat(oldVerified.output()).contains("evidence key " + oldKid);
        OfflineVerification freshVerified = OfflineVerification.of(fresh, keys, dir);
        assertThat(freshVerified.exitCode()).as(freshVerified.output()).isZero();
        assertThat(freshVerified.output()).contains("evidence key " + newKid);
    }

    /** A bank whose event webhook (every type) points at the receiver's {@code path}, verified with its secret. */
    private ApprovingCustomer customerWithWebhook(String tenantId, String path) {
        ApprovingCustomer customer = new ApprovingCustomer(api, sealer, tenantId);
        Response configured = api.admin("PUT", "/v1/admin/tenants/" + tenantId + "/webhook",
                Map.of("url", receiver.url(path), "types", List.of()));
        BankFixture.require(configured, 201);
        receiver.secret(path, configured.json().path("secret").asString());
        return customer;
    }

    private static Delivery awaitDelivery(String path, BankNotificationType type, String subject) {
        await().atMost(DEADLINE).until(() -> receiver.accepted(path).stream().anyMatch(d -> matches(d, type, subject)));
        List<Delivery> deliveries = receiver.accepted(path).stream().filter(d -> matches(d, type, subject)).toList();
        assertThat(deliveries).hasSize(1);
        return deliveries.getFirst();
    }

    private static boolean matches(Delivery delivery, BankNotificationType type, String subject) {
        return delivery.type().equals(type.wireName()) && delivery.json().path("subject").asString().equals(subject);
    }

    /**
     * Leaves the server-made bundle, the published keys and the verifier's output under
     * target/known-answer, from which evidence-tools' known-answer bundle {@code server-payment} was
     * copied (see its README).
     */
    private static void knownAnswerCandidate(JsonNode bundle, String keys, String output) throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "known-answer"));
        Files.writeString(folder.resolve("server-payment.json"),
                ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(bundle) + "\n");
        Files.writeString(folder.resolve("server-payment.keys.json"), ApiClient.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(ApiClient.JSON.readTree(keys)) + "\n");
        Files.writeString(folder.resolve("server-payment.expected.txt"), output);
    }
}
