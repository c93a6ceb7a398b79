package io.biometriccore.signing.internal;

import io.biometriccore.audit.internal.AuditSealer;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.TenantFixture;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A bank with a signing policy and one customer holding a device-bound passkey (packed self
 * attestation), who approves the bank's transactions over HTTP as the customer app would; the bank
 * seals its audit log and fetches the evidence as its backend would.
 */
final class ApprovingCustomer {

    final BankFixture bank;
    final SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.PACKED_SELF);
    final UUID customerId;
    private final ApiClient api;
    private final AuditSealer sealer;
    private final String username = "payer" + System.nanoTime();

    ApprovingCustomer(ApiClient api, AuditSealer sealer, String tenantId) {
        this.api = api;
        this.sealer = sealer;
        bank = BankFixture.withSigning(api, tenantId, Map.of("userVerification", "preferred"),
                Map.of("deviceBoundAbove", Map.of("EUR", 100000), "evidenceRetention", "P10Y"));
        customerId = bank.enrolled(username, phone);
    }

    /** A payment of 1,250.00 EUR to ACME GmbH, above the tenant's device-bound threshold. */
    Map<String, Object> payment() {
        return Map.of("customerId", customerId.toString(), "type", "payment",
                "amount", Map.of("value", "1250.00", "currency", "EUR"),
                "payee", Map.of("name", "ACME GmbH", "account", "DE89370400440532013000"),
                "text", "Invoice 4711, December", "reference", "INV-4711");
    }

    /** A batch of two salaries, 300.50 EUR in all. */
    Map<String, Object> batch() {
        return Map.of("customerId", customerId.toString(), "type", "batch_payment",
                "amount", Map.of("value", "300.50", "currency", "EUR"), "reference", "Payroll 11/2026",
                "items", List.of(item("100.25", "Ann Smith", "DE02120300000000202051"),
                        item("200.25", "Bob Jones", "DE02500105170137075030")));
    }

    private static Map<String, Object> item(String value, String name, String account) {
        return Map.of("amount", Map.of("value", value, "currency", "EUR"), "payee", Map.of("name", name, "account", account));
    }

    /** Registers the transaction as the bank's backend; answers its id. */
    String register(Map<String, Object> transaction) {
        Response registered = bank.backend("POST", "/transactions", transaction);
        BankFixture.require(registered, 201);
        return registered.json().path("id").asString();
    }

    /** The customer signs in, asks for the approval options and approves with the passkey. */
    Response approve(String id) {
        String token = token();
        Response options = api.post(bank.path("/transactions/" + id + "/approval/options"), null, bearer(token));
        BankFixture.require(options, 200);
        String assertion = phone.authenticate(AuthenticationInput.of(
                options.json().path("publicKey").path("challenge").asString(), TenantFixture.ORIGIN, TenantFixture.RP_ID));
        return api.post(bank.path("/transactions/" + id + "/approval"), assertion, bearer(token));
    }

    Response decline(String id) {
        return api.post(bank.path("/transactions/" + id + "/decline"), null, bearer(token()));
    }

    JsonNode shown(String id) {
        Response shown = bank.backend("GET", "/transactions/" + id, null);
        BankFixture.require(shown, 200);
        return shown.json();
    }

    /** Forces the seal of every audit event so far, then fetches the bundle with its inclusion proof. */
    JsonNode sealedBundle(String id) {
        sealer.sealPending(bank.tenantId());
        Response bundle = bank.backend("GET", "/transactions/" + id + "/evidence", null);
        BankFixture.require(bundle, 200);
        return bundle.json();
    }

    /** The tenant's published evidence keys: GET /v1/tenants/{t}/evidence/jwks.json, unauthenticated. */
    String publishedKeys() {
        Response keys = api.get(bank.path("/evidence/jwks.json"));
        BankFixture.require(keys, 200);
        return keys.body();
    }

    private String token() {
        return bank.tokens(phone, username).path("access_token").asString();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
