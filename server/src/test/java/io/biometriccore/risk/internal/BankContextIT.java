package io.biometriccore.risk.internal;

import static io.biometriccore.testsupport.SignedContexts.generate;
import static io.biometriccore.testsupport.SignedContexts.sign;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.biometriccore.shared.PublicUrl;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;

import io.biometriccore.testsupport.TenantFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bank's context end to end on PostgreSQL: its keys administered behind the admin key and audited,
 * and every options request (sign-in, registration, cross-channel and transaction approval) verifying
 * it, each refusal with its code; the customer it names checked at the finish.
 */
class BankContextIT extends PostgresIntegrationTest {

    @Autowired
    private PublicUrl publicUrl;

    @Autowired
    private JdbcClient jdbc;

    private BankFixture bank;
    private ECKey bankKey;
    private SoftwareAuthenticator phone;
    private String username;
    private UUID customerId;

    @BeforeEach
    void bankWithAContextKey() {
        bankWithAContextKey("context-bank-" + System.nanoTime(), Map.of());
    }

    /** The tenant {@code tenantId} under {@code risk} (its policy's member), with a context key and an enrolled customer. */
    private void bankWithAContextKey(String tenantId, Map<String, Object> risk) {
        bank = BankFixture.withSigning(api, tenantId, Map.of("userVerification", "preferred"),
                Map.of("deviceBoundAbove", Map.of("EUR", 100000), "evidenceRetention", "P10Y"));
        if (!risk.isEmpty()) {
            bank.amendPolicy(document -> document.set("risk", ApiClient.JSON.valueToTree(risk)));
        }
        bankKey = generate("ctx-" + System.nanoTime());
        BankFixture.require(addKey(bank.tenantId(), bankKey.toPublicJWK().toJSONObject()), 201);
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "ctx" + System.nanoTime();
        customerId = bank.enrolled(username, phone);
    }

    @Test
    void aBankSignedRootedDeviceIsDeniedUnderAPolicyThatSaysSo() {
        bankWithAContextKey("posture-deny-bank", Map.of("outcomes", Map.of("device_rooted", "deny")));

        Response refused = signIn(Map.of("context", context(bankKey, UnaryOperator.identity())));

        assertProblem(refused, 403, "risk_denied");
        assertThat(refused.body()).doesNotContain("device_rooted");
        assertThat(reasons()).containsExactly("device_rooted");
    }

    @Test
    void aBankSignedRootedDeviceStepsUpUnderTheDefaultPolicyWhateverItsPoints() {
        Response signedIn = signIn(Map.of("context", context(bankKey, UnaryOperator.identity())));

        BankFixture.require(signedIn, 200);
        assertThat(signedIn.json().path("stepUpAcr").asString()).isEqualTo("aal2");
    }

    @Test
    void anUnsignedRootedClaimOnlyAddsPointsEvenUnderAPolicyThatDeniesARootedDevice() {
        bankWithAContextKey("posture-claim-bank", Map.of("outcomes", Map.of("device_rooted", "deny")));

        Response signedIn = signIn(Map.of("posture", Map.of("rooted", true, "emulator", true)));

        BankFixture.require(signedIn, 200);
        assertThat(signedIn.json().has("stepUpAcr")).as("25 + 20 points stay under stepUpAbove 60").isFalse();
        assertThat(reasons()).containsExactlyInAnyOrder("device_rooted_claimed", "device_emulator_claimed");
    }

    @Test
    void anUnsignedRootedClaimStepsUpUnderLowThresholdsByItsClaimedReason() {
        bankWithAContextKey("posture-low-bank", Map.of("stepUpAbove", 20));
        assertThat(signIn(Map.of("posture", Map.of("rooted", true))).json().path("stepUpAcr").asString())
                .isEqualTo("aal2");
        assertThat(reasons()).containsExactly("device_rooted_claimed");

        bankWithAContextKey("posture-low-zeroed-bank", Map.of("stepUpAbove", 20,
                "scores", Map.of("device_rooted_claimed", 0)));
        Response zeroed = signIn(Map.of("posture", Map.of("rooted", true)));
        BankFixture.require(zeroed, 200);
        assertThat(zeroed.json().has("stepUpAcr")).as("device_rooted_claimed was the reason").isFalse();
    }

    @Test
    void aRegisteredKeyIsListedWithItsPublicMembersOnlyAndItsAdditionAndRemovalAreAudited() {
        ECKey other = generate("rotated-" + System.nanoTime());
        Response added = addKey(bank.tenantId(), other.toPublicJWK().toJSONObject());
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("jwk").has("d")).isFalse();

        List<String> kids = api.admin("GET", keys(bank.tenantId()), null).json().path("keys").valueStream()
                .map(k -> k.path("kid").asString()).toList();
        assertThat(kids).contains(bankKey.getKeyID(), other.getKeyID());

        assertThat(api.admin("DELETE", keys(bank.tenantId()) + "/" + other.getKeyID(), null).status()).isEqualTo(204);
        assertProblem(api.admin("DELETE", keys(bank.tenantId()) + "/" + other.getKeyID(), null), 404,
                "context_key_not_found");
        assertThat(audited(bank.tenantId(), other.getKeyID()))
                .containsExactly("risk_context_key.added", "risk_context_key.removed");
        Asserted.event("risk_context_key.added");
        Asserted.event("risk_context_key.removed");
    }

    @Test
    void refusesAPrivateKeyAKeyOnAnotherCurveAndAKidTakenAlready() {
        assertProblem(addKey(bank.tenantId(), generate("private").toJSONObject()), 400,
                "context_key_private");
        Map<String, Object> p384 = new HashMap<>(bankKey.toPublicJWK().toJSONObject());
        p384.put("crv", "P-384");
        p384.put("kid", "p384");
        assertProblem(addKey(bank.tenantId(), p384), 400, "context_key_invalid");
        assertProblem(addKey(bank.tenantId(), bankKey.toPublicJWK().toJSONObject()), 409, "context_key_exists");
    }

    @Test
    void aTenantHasTenContextKeysAtMost() {
        TenantFixture.create(api, "context-full-bank", Map.of());
        for (int i = 0; i < ContextKeyAdministration.MAX_KEYS; i++) {
            BankFixture.require(addKey("context-full-bank", generate("k" + i).toPublicJWK().toJSONObject()), 201);
        }

        assertProblem(addKey("context-full-bank", generate("one-too-many").toPublicJWK().toJSONObject()), 409,
                "context_keys_full");
        assertThat(api.admin("GET", keys("context-full-bank"), null).json().path("keys").size())
                .isEqualTo(ContextKeyAdministration.MAX_KEYS);
    }

    @Test
    void aSignedContextIsTakenOnceAndTheSignInSucceeds() {
        String context = context(bankKey, UnaryOperator.identity());

        Response signedIn = bank.signIn(phone, username, Map.of("context", context,
                "posture", Map.of("rooted", false, "osVersion", "17.4.1")), TenantFixture.ORIGIN, UnaryOperator.identity());

        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertProblem(signInOptions(context), 400, "context_replayed");
    }

    @Test
    void refusesAContextWithABadSignature() {
        assertProblem(signInOptions(context(generate(bankKey.getKeyID()), UnaryOperator.identity())),
                400, "context_signature_invalid");
    }

    @Test
    void refusesAContextForAnotherTenant() {
        assertProblem(signInOptions(context(bankKey, c -> c.audience(publicUrl.issuer("another-bank")))), 400,
                "context_audience_mismatch");
    }

    @Test
    void refusesAnExpiredContextAndOneThatIsNoJws() {
        assertProblem(signInOptions(context(bankKey, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120))))),
                400, "context_expired");
        assertProblem(signInOptions("not.a.jws"), 400, "context_malformed");
    }

    @Test
    void aKeyOfAnotherTenantDoesNotSignForThisOne() {
        TenantFixture.create(api, "context-other-bank", Map.of());
        ECKey theirs = generate("theirs-" + System.nanoTime());
        BankFixture.require(addKey("context-other-bank", theirs.toPublicJWK().toJSONObject()), 201);

        assertProblem(signInOptions(context(theirs, UnaryOperator.identity())), 400, "context_signature_invalid");
        assertThat(api.admin("GET", keys("context-other-bank"), null).json().path("keys").valueStream()
                .map(k -> k.path("kid").asString())).containsExactly(theirs.getKeyID());
    }

    @Test
    void aContextNamingAnotherCustomerFailsTheSignInAtItsFinish() {
        Response signedIn = bank.signIn(phone, username, Map.of("context", context(bankKey, c -> c.subject("someone-else"))),
                TenantFixture.ORIGIN, UnaryOperator.identity());

        assertProblem(signedIn, 400, "context_subject_mismatch");
    }

    @Test
    void registrationCrossChannelAndTransactionApprovalOptionsVerifyTheContextToo() {
        String grant = bank.grant(bank.createCustomer("ctx-new" + System.nanoTime()));
        assertProblem(api.post(bank.path("/registration/options"), Map.of("context", "x.y.z"), "Authorization",
                "Bearer " + grant), 400, "context_malformed");
        assertThat(api.post(bank.path("/registration/options"), Map.of("context", context(bankKey, UnaryOperator.identity())),
                "Authorization", "Bearer " + grant).status()).isEqualTo(200);

        String token = bank.tokens(phone, username).path("access_token").asString();
        String crossChannel = api.post(bank.path("/cross-channel"), null).json().path("id").asString();
        assertProblem(api.post(bank.path("/cross-channel/" + crossChannel + "/approval/options"),
                Map.of("context", context(bankKey, c -> c.audience("https://elsewhere.example"))),
                "Authorization", "Bearer " + token), 400, "context_audience_mismatch");

        String transaction = bank.backend("POST", "/transactions", Map.of("customerId",
                customerId.toString(), "type", "payment", "amount", Map.of("value", "10.00", "currency", "EUR"),
                "payee", Map.of("name", "ACME GmbH", "account", "DE89370400440532013000"))).json().path("id").asString();
        assertProblem(api.post(bank.path("/transactions/" + transaction + "/approval/options"),
                Map.of("context", context(generate("forged"), UnaryOperator.identity())),
                "Authorization", "Bearer " + token), 400, "context_signature_invalid");
        assertThat(api.post(bank.path("/transactions/" + transaction + "/approval/options"),
                Map.of("posture", Map.of("emulator", true)), "Authorization", "Bearer " + token).status()).isEqualTo(200);
    }

    /** The reasons of the tenant's recorded risk decisions. */
    /** The posture signal's reasons in the tenant's recorded decisions. */
    private List<String> reasons() {
        return jdbc.sql("SELECT reason FROM risk_decision_signal WHERE tenant_id = :t AND reason LIKE 'device!_%' ESCAPE '!'")
                .param("t", bank.tenantId())
                .query(String.class).list();
    }

    private Response signIn(Map<String, Object> options) {
        return bank.signIn(phone, username, options, TenantFixture.ORIGIN, UnaryOperator.identity());
    }

    private Response signInOptions(String context) {
        return api.post(bank.path("/authentication/options"), Map.of("username", username, "context", context));
    }

    private String context(ECKey key, UnaryOperator<JWTClaimsSet.Builder> tweak) {
        return sign(key, tweak.apply(new JWTClaimsSet.Builder()
                .audience(publicUrl.issuer(bank.tenantId())).jwtID(UUID.randomUUID().toString())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                .claim("posture", Map.of("rooted", true))).build());
    }

    private Response addKey(String tenantId, Map<String, Object> jwk) {
        return api.admin("POST", keys(tenantId), Map.of("jwk", jwk));
    }

    private static String keys(String tenantId) {
        return "/v1/admin/tenants/" + tenantId + "/risk/context-keys";
    }

    private List<String> audited(String tenantId, String kid) {
        return jdbc.sql("""
                SELECT event_type FROM audit_event WHERE tenant_id = :t AND event_type LIKE 'risk_context_key.%'
                   AND reason = :kid ORDER BY id""").param("t", tenantId).param("kid", kid).query(String.class).list();
    }
}
