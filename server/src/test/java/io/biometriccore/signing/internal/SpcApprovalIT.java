package io.biometriccore.signing.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.biometriccore.evidencetools.CheckResult;
import io.biometriccore.evidencetools.EvidenceBundle;
import io.biometriccore.evidencetools.EvidenceVerifier;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData.PaymentCredentialInstrument;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData.PaymentCurrencyAmount;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData.PaymentEntityLogo;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Secure Payment Confirmation (ADR 0037): the bank registers a payment for a merchant's page, the page
 * asks the browser with the SPC options, the customer confirms what the browser shows, and the
 * {@code payment.get} assertion, relayed by the bank or sent with the customer's token, approves the
 * transaction only if every member of the signed {@code payment} is what the bank registered. The
 * browser is the testkit's authenticator signing SPC's {@code CollectedClientPaymentData}.
 */
class SpcApprovalIT extends PostgresIntegrationTest {

    private static final String SHOP = "https://shop.example";
    private static final String ICON = "https://bank.example/card.png";

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;
    private UUID customerId;

    @BeforeEach
    void customerWithAPasskey() {
        bank = BankFixture.withSigning(api, "spc-bank", Map.of(), Map.of("spcMerchantOrigins", List.of(SHOP)));
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "shopper" + System.nanoTime();
        customerId = bank.enrolled(username, phone);
    }

    @Test
    void theBankRelaysAnSpcApprovalAndItsEvidenceVerifiesOffline() throws Exception {
        JsonNode registered = register(spcPayment("1250.00", SHOP + "/"));
        String id = registered.path("id").asString();
        assertThat(registered.path("transaction").path("spc").path("payeeOrigin").asString()).isEqualTo(SHOP);

        JsonNode options = spcOptions(id, bankKey());
        assertThat(options.path("credentialIds").valueStream().map(JsonNode::asString))
                .containsExactly(phone.credentialIdBase64Url());
        assertThat(options.path("rpId").asString()).isEqualTo(TenantFixture.RP_ID);
        assertThat(options.path("payeeName").asString()).isEqualTo("Shop Ltd");
        assertThat(options.path("total").path("value").asString()).isEqualTo("1250.00");
        Response approved = approve(id, bankKey(), confirmed(options, UnaryOperator.identity()));

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("method").asString()).isEqualTo("spc");
        JsonNode shown = bank.backend("GET", "/transactions/" + id, null).json();
        assertThat(shown.path("status").asString()).isEqualTo("approved");
        assertThat(shown.path("method").asString()).isEqualTo("spc");
        JsonNode bundle = sealedBundle(id);
        JWSObject jws = JWSObject.parse(bundle.path("evidence").asString());
        JWKSet published = JWKSet.parse(api.get(bank.path("/evidence/jwks.json")).body());
        assertThat(jws.verify(new ECDSAVerifier((ECKey) published.getKeyByKeyId(jws.getHeader().getKeyID())))).isTrue();
        JsonNode record = ApiClient.JSON.readTree(jws.getPayload().toString());
        assertThat(record.path("method").asString()).isEqualTo("spc");
        assertThat(record.path("relyingParty").path("spcTopOrigin").asString()).isEqualTo(SHOP);
        assertThat(record.path("transaction").path("spc").path("merchantOrigin").asString()).isEqualTo(SHOP);
        JsonNode clientData = ApiClient.JSON.readTree(Base64.getUrlDecoder().decode(
                record.path("assertion").path("clientDataJSON").asString()));
        assertThat(clientData.path("type").asString()).isEqualTo("payment.get");
        List<CheckResult> checks = EvidenceVerifier.verify(EvidenceBundle.read(
                ApiClient.JSON.writeValueAsString(bundle).getBytes(StandardCharsets.UTF_8)), published, true);
        assertThat(checks).as("the offline verifier's checks").allSatisfy(
                check -> assertThat(check.status()).as(check.check() + ": " + check.detail())
                        .isEqualTo(CheckResult.Status.OK));
    }

    @Test
    void theCustomersTokenAsksForSpcOptionsAndApproves() {
        String token = bank.tokens(phone, username).path("access_token").asString();
        String id = register(spcPayment("10.00", null)).path("id").asString();
        JsonNode options = spcOptions(id, bearer(token));
        assertThat(options.has("payeeOrigin")).isFalse();

        Response approved = approve(id, bearer(token), confirmed(options, UnaryOperator.identity()));

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("method").asString()).isEqualTo("spc");
    }

    @Test
    void refusesAnotherTotal() {
        refused(payment -> payment.withTotal(new PaymentCurrencyAmount("EUR", "1250.0")), "spc_total_mismatch", "total");
    }

    @Test
    void refusesAnotherPayeeOrigin() {
        refused(payment -> payment.withPayeeOrigin("https://evil.example"), "spc_payee_mismatch", "payeeOrigin");
    }

    @Test
    void refusesAnotherPayeeName() {
        refused(payment -> payment.withPayeeName("Evil Ltd"), "spc_payee_mismatch", "payeeName");
    }

    @Test
    void refusesAnotherTopOrigin() {
        refused(payment -> payment.withTopOrigin("https://evil.example"), "spc_top_origin_mismatch", "topOrigin");
    }

    @Test
    void refusesAnotherInstrumentOrLogosNeverRegistered() {
        refused(payment -> payment.withInstrument(PaymentCredentialInstrument.of("Visa ****9999", ICON)),
                "spc_instrument_mismatch", "instrument");
        refused(payment -> payment.withPaymentEntitiesLogos(List.of(new PaymentEntityLogo(ICON, "Net"))),
                "spc_instrument_mismatch", "paymentEntitiesLogos");
    }

    @Test
    void refusesAnotherRpIdInThePayment() {
        refused(payment -> payment.withRpId("evil.example"), "spc_rp_id_mismatch", "rpId");
    }

    @Test
    void refusesAPaymentGetAssertionWithoutPaymentData() {
        String id = register(spcPayment("10.00", SHOP)).path("id").asString();
        JsonNode options = spcOptions(id, bankKey());
        String assertion = phone.authenticate(AuthenticationInput.of(options.path("challenge").asString(), SHOP,
                TenantFixture.RP_ID).withType("payment.get"));

        Response refused = approve(id, bankKey(), assertion);

        assertProblem(refused, 400, "spc_payment_malformed");
        assertThat(refused.json().path("detail").asString()).isEqualTo("payment is missing");
    }

    @Test
    void refusesAMerchantOriginTheTenantDoesNotAllowAndSpcForABatch() {
        Map<String, Object> elsewhere = spcPayment("10.00", null);
        elsewhere.put("spc", Map.of("merchantOrigin", "https://evil.example",
                "instrument", Map.of("displayName", "Visa ****1234", "icon", ICON)));
        Response refused = bank.backend("POST", "/transactions", elsewhere);
        assertProblem(refused, 400, "transaction_invalid");
        assertThat(refused.json().path("detail").asString())
                .isEqualTo("spc.merchantOrigin must be one of the tenant's signing.spcMerchantOrigins");

        Response batch = bank.backend("POST", "/transactions", Map.of("customerId", customerId.toString(),
                "type", "batch_payment", "amount", Map.of("value", "10.00", "currency", "EUR"),
                "items", List.of(Map.of("amount", Map.of("value", "10.00", "currency", "EUR"),
                        "payee", Map.of("name", "Shop Ltd", "account", "DE89370400440532013000"))),
                "spc", spcMember(null)));
        assertProblem(batch, 400, "transaction_invalid");
        assertThat(batch.json().path("detail").asString()).isEqualTo("spc is only for payment");
    }

    @Test
    void refusesSpcOptionsForATransactionRegisteredWithoutSpc() {
        Map<String, Object> plain = spcPayment("10.00", null);
        plain.remove("spc");
        String id = register(plain).path("id").asString();

        assertProblem(api.post(bank.path("/transactions/" + id + "/spc/options"), null, bankKey()), 409,
                "spc_not_registered");
    }

    @Test
    void aPaymentGetAssertionNeverSignsIn() {
        Response signIn = bank.signIn(phone, username, Map.of(), SHOP, in -> in.withType("payment.get")
                .withPayment(payment(spcOptionsShape())));

        assertProblem(signIn, 400, "type_mismatch");
    }

    @Test
    void anSpcCeremonysAssertionNeverSignsIn() {
        String id = register(spcPayment("10.00", SHOP)).path("id").asString();
        String assertion = confirmed(spcOptions(id, bankKey()), UnaryOperator.identity());

        assertProblem(api.post(bank.path("/authentication/verify"), assertion), 400, "ceremony_purpose_mismatch");
        assertThat(bank.backend("GET", "/transactions/" + id, null).json().path("status").asString())
                .isEqualTo("pending");
    }

    @Test
    void aWebauthnGetAssertionIsNoSpcApproval() {
        String id = register(spcPayment("10.00", SHOP)).path("id").asString();
        JsonNode options = spcOptions(id, bankKey());
        String assertion = phone.authenticate(AuthenticationInput.of(options.path("challenge").asString(), SHOP,
                TenantFixture.RP_ID));

        assertProblem(approve(id, bankKey(), assertion), 400, "type_mismatch");
    }

    @Test
    void refusesAnSpcAssertionMadeOnTheBanksOwnOrigin() {
        String id = register(spcPayment("10.00", SHOP)).path("id").asString();
        JsonNode options = spcOptions(id, bankKey());
        String assertion = phone.authenticate(AuthenticationInput.of(options.path("challenge").asString(),
                TenantFixture.ORIGIN, TenantFixture.RP_ID).withType("payment.get").withPayment(payment(options)));

        assertProblem(approve(id, bankKey(), assertion), 400, "origin_not_allowed");
    }

    @Test
    void refusesAKeyWithoutTheTransactionsScope() {
        String id = register(spcPayment("10.00", SHOP)).path("id").asString();
        String usersOnly = BankFixture.createApiKey(api, bank.tenantId(), List.of("users"));

        assertProblem(api.post(bank.path("/transactions/" + id + "/spc/options"), null, bearer(usersOnly)), 403,
                "api_key_scope_missing");
    }

    @Test
    void anotherTenantsKeyOrCustomerTokenReachesNoTransactionOfThisTenant() {
        String id = register(spcPayment("10.00", SHOP)).path("id").asString();
        BankFixture other = BankFixture.withSigning(api, "spc-other", Map.of(), Map.of());
        SoftwareAuthenticator theirs = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String stranger = "stranger" + System.nanoTime();
        other.enrolled(stranger, theirs);
        String theirToken = other.tokens(theirs, stranger).path("access_token").asString();
        String path = "/transactions/" + id;

        for (String route : List.of("/spc/options", "/approval/options", "/decline")) {
            assertProblem(api.post(bank.path(path + route), null, bearer(theirToken)), 401, "token_invalid");
        }
        assertProblem(api.post(bank.path(path + "/spc/options"), null, bearer(other.apiKey())), 401,
                "api_key_invalid");
        assertThat(bank.backend("GET", path, null).json().path("status").asString()).isEqualTo("pending");
    }

    @Test
    void theBanksKeyDoesNotFinishTheAppsOwnApproval() {
        String token = bank.tokens(phone, username).path("access_token").asString();
        String id = register(spcPayment("10.00", SHOP)).path("id").asString();
        Response options = api.post(bank.path("/transactions/" + id + "/approval/options"), null, bearer(token));
        BankFixture.require(options, 200);
        String assertion = phone.authenticate(AuthenticationInput.of(options.json().path("publicKey")
                .path("challenge").asString(), TenantFixture.ORIGIN, TenantFixture.RP_ID));

        assertProblem(approve(id, bankKey(), assertion), 400, "ceremony_purpose_mismatch");
    }

    @Test
    void anotherCustomersTokenFindsNoSpcTransaction() {
        SoftwareAuthenticator strangers = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String stranger = "stranger" + System.nanoTime();
        bank.enrolled(stranger, strangers);
        String strangersToken = bank.tokens(strangers, stranger).path("access_token").asString();
        String id = register(spcPayment("10.00", SHOP)).path("id").asString();
        String assertion = confirmed(spcOptions(id, bankKey()), UnaryOperator.identity());

        assertProblem(api.post(bank.path("/transactions/" + id + "/spc/options"), null, bearer(strangersToken)), 404,
                "transaction_not_found");
        assertProblem(approve(id, bearer(strangersToken), assertion), 404, "transaction_not_found");
        assertThat(approve(id, bankKey(), assertion).status()).as("the challenge was not spent").isEqualTo(200);
    }

    /** An SPC assertion whose payment member {@code tamper} changed is refused naming that member. */
    private void refused(UnaryOperator<CollectedClientAdditionalPaymentData> tamper, String code, String member) {
        String id = register(spcPayment("1250.00", SHOP)).path("id").asString();
        JsonNode options = spcOptions(id, bankKey());

        Response refused = approve(id, bankKey(), confirmed(options, tamper));

        assertProblem(refused, 400, code);
        assertThat(refused.json().path("detail").asString()).isEqualTo("payment." + member
                + " differs from what the bank registered");
        assertThat(bank.backend("GET", "/transactions/" + id, null).json().path("status").asString())
                .isEqualTo("pending");
    }

    /** What the browser signs when the merchant's page passes the options on unchanged, then {@code tamper}. */
    private String confirmed(JsonNode options, UnaryOperator<CollectedClientAdditionalPaymentData> tamper) {
        return phone.authenticate(AuthenticationInput.of(options.path("challenge").asString(), SHOP,
                TenantFixture.RP_ID).withType("payment.get").withPayment(tamper.apply(payment(options))));
    }

    private static CollectedClientAdditionalPaymentData payment(JsonNode options) {
        JsonNode total = options.path("total");
        JsonNode instrument = options.path("instrument");
        return CollectedClientAdditionalPaymentData.of(options.path("rpId").asString(), SHOP,
                        new PaymentCurrencyAmount(total.path("currency").asString(), total.path("value").asString()),
                        PaymentCredentialInstrument.of(instrument.path("displayName").asString(),
                                instrument.path("icon").asString()))
                .withPayeeName(options.path("payeeName").asString())
                .withPayeeOrigin(options.has("payeeOrigin") ? options.path("payeeOrigin").asString() : null);
    }

    /** The payment data of a sign-in that no SPC options ever started: what a phishing page would show. */
    private static JsonNode spcOptionsShape() {
        return ApiClient.JSON.valueToTree(Map.of("rpId", TenantFixture.RP_ID, "payeeName", "Shop Ltd",
                "total", Map.of("currency", "EUR", "value", "10.00"),
                "instrument", Map.of("displayName", "Visa ****1234", "icon", ICON)));
    }

    private JsonNode register(Map<String, Object> body) {
        Response registered = bank.backend("POST", "/transactions", body);
        BankFixture.require(registered, 201);
        return registered.json();
    }

    private Map<String, Object> spcPayment(String value, String payeeOrigin) {
        Map<String, Object> body = new HashMap<>(Map.of("customerId", customerId.toString(), "type", "payment",
                "amount", Map.of("value", value, "currency", "EUR"),
                "payee", Map.of("name", "Shop Ltd", "account", "DE89370400440532013000"),
                "reference", "ORDER-77"));
        body.put("spc", spcMember(payeeOrigin));
        return body;
    }

    private static Map<String, Object> spcMember(String payeeOrigin) {
        Map<String, Object> spc = new HashMap<>(Map.of("merchantOrigin", SHOP,
                "instrument", Map.of("displayName", "Visa ****1234", "icon", ICON)));
        if (payeeOrigin != null) {
            spc.put("payeeOrigin", payeeOrigin);
        }
        return spc;
    }

    private JsonNode spcOptions(String id, String[] credentials) {
        Response options = api.post(bank.path("/transactions/" + id + "/spc/options"), null, credentials);
        BankFixture.require(options, 200);
        return options.json();
    }

    private Response approve(String id, String[] credentials, String assertion) {
        return api.post(bank.path("/transactions/" + id + "/approval"), assertion, credentials);
    }

    private String[] bankKey() {
        return bearer(bank.apiKey());
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** The bundle once the sealer has taken its audit event into a signed tree head. */
    private JsonNode sealedBundle(String id) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Response bundle = bank.backend("GET", "/transactions/" + id + "/evidence", null);
            BankFixture.require(bundle, 200);
            if (!bundle.json().path("inclusionProof").isNull()) {
                return bundle.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the approval's audit event was not sealed within 30 s");
    }
}
