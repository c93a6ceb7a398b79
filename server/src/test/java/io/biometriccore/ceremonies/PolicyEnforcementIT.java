package io.biometriccore.ceremonies;

import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.AttestationCa;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each element of the tenant's policy document changes an outcome (docs/policy.md): the AAGUID deny and
 * allow lists at registration, UV per action, attestation trust per action at sign-in and approval, and
 * the amount above which an approval needs a device-bound credential with trusted attestation. The
 * changes take effect through the policy API, so each also shows the cached tenant dropped on a change.
 */
class PolicyEnforcementIT extends PostgresIntegrationTest {

    private static final AttestationCa TRUSTED_CA = AttestationCa.generate("Policy Trusted Authenticators");
    private static final AttestationCa UNKNOWN_CA = AttestationCa.generate("Policy Unknown Authenticators");
    /** The AAGUID of the test kit's packed self attestation. */
    private static final String SELF_AAGUID = "5f3e8b2a-9c41-4d7e-b6a0-1c2d3e4f5a6b";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path trustAnchors = Files.createTempDirectory("policy-trust-anchors");
        trustAnchors.toFile().deleteOnExit();
        TRUSTED_CA.writeRootPem(trustAnchors).toFile().deleteOnExit();
        registry.add("biometric.attestation.trust-anchors-dir", trustAnchors::toString);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The tenant's current document, changed, as its new version. */
    private void amend(String tenantId, Consumer<ObjectNode> change) {
        BankFixture.amendPolicy(api, tenantId, change);
    }

    private static ObjectNode section(ObjectNode document, String name) {
        return (ObjectNode) document.get(name);
    }

    @Test
    void refusesAnAaguidOnTheDenyListAtRegistration() {
        String tenantId = unique("deny");
        TenantFixture tenant = TenantFixture.create(api, tenantId, Map.of());
        amend(tenantId, d -> section(d, "authenticators").putArray("aaguidDeny").add(SELF_AAGUID));

        assertProblem(tenant.register(SoftwareAuthenticator.create(ES256, Attestation.PACKED_SELF), unique("u")), 400,
                "authenticator_denied");
        assertThat(tenant.register(SoftwareAuthenticator.create(ES256, Attestation.NONE), unique("u")).status())
                .as("another model registers").isEqualTo(200);
    }

    @Test
    void refusesAnAaguidMissingFromTheAllowList() {
        String tenantId = unique("allow");
        TenantFixture tenant = TenantFixture.create(api, tenantId, Map.of());
        amend(tenantId, d -> section(d, "authenticators").putArray("aaguidAllow").add(SELF_AAGUID));

        assertProblem(tenant.register(SoftwareAuthenticator.create(ES256, Attestation.NONE), unique("u")), 400,
                "authenticator_not_allowed");
        assertThat(tenant.register(SoftwareAuthenticator.create(ES256, Attestation.PACKED_SELF), unique("u")).status())
                .as("the allowed model registers").isEqualTo(200);
    }

    @Test
    void userVerificationIsRequiredPerActionAsThePolicySays() {
        String tenantId = unique("uv");
        TenantFixture tenant = TenantFixture.create(api, tenantId, Map.of());
        String alice = unique("alice");
        SoftwareAuthenticator key = tenant.enrolled(SoftwareAuthenticator.create(ES256, Attestation.NONE), alice);
        amend(tenantId, d -> section(d, "userVerification").put("signIn", "preferred"));

        assertThat(tenant.authenticate(key, alice, in -> in.withUserVerified(false)).status())
                .as("signIn preferred: a sign-in without UV").isEqualTo(200);
        amend(tenantId, d -> section(d, "userVerification").put("signIn", "required"));
        assertProblem(tenant.authenticate(key, alice, in -> in.withUserVerified(false)), 400,
                "user_verification_required");
    }

    @Test
    void aSignInNeedsTrustedAttestationWhereThePolicyRequiresItForSignIn() {
        String tenantId = unique("trust");
        TenantFixture tenant = TenantFixture.create(api, tenantId, Map.of());
        String alice = unique("alice");
        String bob = unique("bob");
        SoftwareAuthenticator untrusted = tenant.enrolled(SoftwareAuthenticator.create(ES256, UNKNOWN_CA), alice);
        SoftwareAuthenticator trusted = tenant.enrolled(SoftwareAuthenticator.create(ES256, TRUSTED_CA), bob);
        assertThat(tenant.authenticate(untrusted, alice).status()).isEqualTo(200);

        amend(tenantId, d -> section(section(d, "authenticators"), "trustedAttestationRequired").put("signIn", true));

        assertProblem(tenant.authenticate(untrusted, alice), 400, "attestation_untrusted");
        assertThat(tenant.authenticate(trusted, bob).status()).isEqualTo(200);
    }

    @Test
    void anApprovalNeedsTrustedAttestationWhereThePolicyRequiresItForApproveTransaction() {
        Approvals approvals = new Approvals(unique("approve-trust"));
        amend(approvals.bank.tenantId(), d -> section(section(d, "authenticators"), "trustedAttestationRequired")
                .put("approveTransaction", true));

        assertProblem(approvals.approve(approvals.payment("10.00"), approvals.phone), 400, "attestation_untrusted");
        assertThat(approvals.approve(approvals.payment("10.00"), approvals.trustedKey()).status()).isEqualTo(200);
    }

    @Test
    void aPaymentAboveTrustedAttestationAboveNeedsADeviceBoundTrustedCredential() {
        Approvals approvals = new Approvals(unique("approve-above"));
        amend(approvals.bank.tenantId(), d -> section(d, "transactionSigning").putObject("trustedAttestationAbove")
                .put("EUR", 100000));

        assertProblem(approvals.approve(approvals.payment("1000.01"), approvals.phone), 403,
                "signing_policy_trusted_attestation_required");
        assertThat(approvals.approve(approvals.payment("1000.00"), approvals.phone).status())
                .as("at the threshold, any passkey").isEqualTo(200);
        SoftwareAuthenticator trusted = approvals.trustedKey();
        assertThat(approvals.approve(approvals.payment("1000.01"), trusted).status()).isEqualTo(200);
        SoftwareAuthenticator syncedTrusted = approvals.trustedKey(in -> in.withBackupEligible(true)
                .withBackupState(true));
        assertProblem(approvals.approve(approvals.payment("1000.01"), syncedTrusted,
                in -> in.withBackupEligible(true).withBackupState(true)), 403,
                "signing_policy_trusted_attestation_required");
    }

    @Test
    void aSyncedPasskeyNeverReachesAal3EvenWhereTheTenantsAal3AsksForNoDeviceBoundKey() {
        String tenantId = unique("synced");
        BankFixture bank = BankFixture.create(api, tenantId, Map.of(), Map.of("assuranceLevels", List.of(
                level("aal1", false, false), level("aal2", true, false), level("aal3", true, true))));
        String username = unique("carol");
        UUID customerId = bank.createCustomer(username);
        UnaryOperator<SoftwareAuthenticator.RegistrationInput> syncedRegistration = in -> in.withBackupEligible(true)
                .withBackupState(true);
        UnaryOperator<AuthenticationInput> syncedAssertion = in -> in.withBackupEligible(true).withBackupState(true);
        SoftwareAuthenticator synced = SoftwareAuthenticator.create(ES256, TRUSTED_CA);
        BankFixture.require(bank.register(synced, bank.grant(customerId), syncedRegistration), 200);
        SoftwareAuthenticator deviceBound = SoftwareAuthenticator.create(ES256, TRUSTED_CA);
        BankFixture.require(bank.register(deviceBound, bank.grant(customerId), UnaryOperator.identity()), 200);

        assertThat(acr(bank.signIn(synced, username, Map.of(), TenantFixture.ORIGIN, syncedAssertion))).isEqualTo("aal2");
        assertThat(acr(bank.signIn(deviceBound, username))).isEqualTo("aal3");
        amend(tenantId, d -> section(d, "assurance").put("syncedMaxLevel", "aal1"));
        assertThat(acr(bank.signIn(synced, username, Map.of(), TenantFixture.ORIGIN, syncedAssertion)))
                .as("the policy lowers the synced ceiling").isEqualTo("aal1");
    }

    private static Map<String, Object> level(String name, boolean userVerification, boolean hardwareAttestation) {
        return Map.of("name", name, "userVerification", userVerification, "deviceBound", false,
                "hardwareAttestation", hardwareAttestation);
    }

    private static String acr(Response signedIn) {
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        return signedIn.json().path("acr").asString();
    }

    /** A bank whose customer holds a device-bound passkey with self attestation, and approves payments. */
    private final class Approvals {

        final BankFixture bank;
        final SoftwareAuthenticator phone = SoftwareAuthenticator.create(ES256, Attestation.PACKED_SELF);
        final String username = unique("payer");
        final UUID customerId;

        Approvals(String tenantId) {
            bank = BankFixture.withSigning(api, tenantId, Map.of(), Map.of("evidenceRetention", "P10Y"));
            customerId = bank.enrolled(username, phone);
        }

        SoftwareAuthenticator trustedKey() {
            return trustedKey(UnaryOperator.identity());
        }

        SoftwareAuthenticator trustedKey(UnaryOperator<SoftwareAuthenticator.RegistrationInput> flags) {
            SoftwareAuthenticator key = SoftwareAuthenticator.create(ES256, TRUSTED_CA);
            BankFixture.require(bank.register(key, bank.grant(customerId), flags), 200);
            return key;
        }

        String payment(String value) {
            Response registered = bank.backend("POST", "/transactions", Map.of("customerId", customerId.toString(),
                    "type", "payment", "amount", Map.of("value", value, "currency", "EUR"),
                    "payee", Map.of("name", "ACME GmbH", "account", "DE89370400440532013000"),
                    "reference", "INV-1"));
            BankFixture.require(registered, 201);
            return registered.json().path("id").asString();
        }

        Response approve(String id, SoftwareAuthenticator key) {
            return approve(id, key, UnaryOperator.identity());
        }

        Response approve(String id, SoftwareAuthenticator key, UnaryOperator<AuthenticationInput> tamper) {
            String[] bearer = {"Authorization", "Bearer " + bank.tokens(phone, username).path("access_token").asString()};
            Response options = api.post(bank.path("/transactions/" + id + "/approval/options"), null, bearer);
            BankFixture.require(options, 200);
            JsonNode challenge = options.json().path("publicKey").path("challenge");
            String assertion = key.authenticate(tamper.apply(AuthenticationInput.of(challenge.asString(),
                    TenantFixture.ORIGIN, TenantFixture.RP_ID)));
            return api.post(bank.path("/transactions/" + id + "/approval"), assertion, bearer);
        }
    }
}
