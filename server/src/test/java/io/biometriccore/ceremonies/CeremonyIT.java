package io.biometriccore.ceremonies;

import static io.biometriccore.testkit.SoftwareAuthenticator.Attestation.NONE;
import static io.biometriccore.testkit.SoftwareAuthenticator.Attestation.PACKED_SELF;
import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.RS256;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testsupport.TenantFixture;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Registration (§7.1) and authentication (§7.2) through the client API, on PostgreSQL. */
class CeremonyIT extends PostgresIntegrationTest {

    TenantFixture bank;

    @BeforeEach
    void tenant() {
        bank = TenantFixture.create(api, "bank", Map.of());
    }

    static String someone() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Nested
    class FullCeremonies {

        @Test
        void registersPackedSelfEs256AndSignsInUsernameFirst() {
            String alice = someone();
            SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, PACKED_SELF);
            Response registered = bank.register(authenticator, alice);
            assertThat(registered.status()).as(registered.body()).isEqualTo(200);
            JsonNode registration = registered.json();
            assertThat(registration.path("attestationFormat").asString()).isEqualTo("packed");
            assertThat(registration.path("attestationTrust").asString()).isEqualTo("SELF");
            assertThat(registration.path("credentialId").asString()).isEqualTo(authenticator.credentialIdBase64Url());

            Response signedIn = bank.authenticate(authenticator, alice);
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
            JsonNode result = signedIn.json();
            assertThat(result.path("username").asString()).isEqualTo(alice);
            assertThat(result.path("customerId").asString()).isEqualTo(registration.path("customerId").asString());
            assertThat(result.path("deviceId").asString()).isEqualTo(registration.path("deviceId").asString());
            assertThat(result.path("credentialId").asString()).isEqualTo(authenticator.credentialIdBase64Url());
            assertThat(result.path("flags").path("userVerified").asBoolean()).isTrue();
            assertThat(result.path("flags").path("userPresent").asBoolean()).isTrue();
        }

        @Test
        void registersNoneAttestationAndSignsInUsernameless() {
            String bob = someone();
            SoftwareAuthenticator authenticator = bank.enrolled(SoftwareAuthenticator.create(ES256, NONE), bob);
            Response signedIn = bank.authenticate(authenticator, null);
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
            assertThat(signedIn.json().path("username").asString()).isEqualTo(bob);
        }

        @Test
        void registersRs256CredentialAndSignsInBothWays() {
            String carol = someone();
            SoftwareAuthenticator authenticator = bank.enrolled(SoftwareAuthenticator.create(RS256, PACKED_SELF), carol);
            assertThat(bank.authenticate(authenticator, carol).status()).isEqualTo(200);
            assertThat(bank.authenticate(authenticator, null).json().path("username").asString()).isEqualTo(carol);
        }

        @Test
        void openEnrollmentUnderAnExistingUsernameRevealsNothingAndAddsNoCredential() {
            String dave = someone();
            SoftwareAuthenticator first = bank.enrolled(SoftwareAuthenticator.create(ES256, NONE), dave);
            String davesHandle = bank.authenticate(first, dave).json().path("userHandle").asString();
            String fresh = someone();

            JsonNode forDave = bank.registrationOptions(dave);
            JsonNode forDaveAgain = bank.registrationOptions(dave);
            JsonNode forFresh = bank.registrationOptions(fresh);
            JsonNode forFreshAgain = bank.registrationOptions(fresh);

            assertThat(forDave.propertyNames()).isEqualTo(forFresh.propertyNames());
            assertThat(forDave.path("user").propertyNames()).isEqualTo(forFresh.path("user").propertyNames());
            assertThat(forDave.path("excludeCredentials")).isEqualTo(forFresh.path("excludeCredentials")).isEmpty();
            assertThat(forDave.path("user").path("id").asString()).isNotEqualTo(davesHandle)
                    .hasSameSizeAs(forFresh.path("user").path("id").asString())
                    .isNotEqualTo(forDaveAgain.path("user").path("id").asString());
            assertThat(forFresh.path("user").path("id").asString())
                    .isNotEqualTo(forFreshAgain.path("user").path("id").asString());
            assertThat(forDave.toString()).doesNotContain(davesHandle).doesNotContain(first.credentialIdBase64Url());
            assertThat(forDave.path("challenge").asString()).hasSizeGreaterThanOrEqualTo(43);
            assertThat(forDave.path("authenticatorSelection").path("userVerification").asString()).isEqualTo("required");
            assertThat(forDave.path("pubKeyCredParams").findValuesAsString("alg")).containsExactly("-7", "-8", "-257");

            SoftwareAuthenticator second = SoftwareAuthenticator.create(ES256, NONE);
            assertProblem(api.post(bank.path("/registration/verify"), second.register(bank.registrationInput(forDave))),
                    409, "username_unavailable");
            assertProblem(bank.authenticate(second, dave), 400, "credential_unknown");
            assertThat(bank.authenticationOptions(dave).path("allowCredentials").findValuesAsString("id"))
                    .containsExactly(first.credentialIdBase64Url());
        }

        @Test
        void acceptsAnAuthenticatorWhoseCounterIsAlwaysZero() {
            String erin = someone();
            SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, NONE);
            authenticator.autoIncrement(false);
            bank.enrolled(authenticator, erin);
            assertThat(bank.authenticate(authenticator, erin).status()).isEqualTo(200);
            assertThat(bank.authenticate(authenticator, erin).status()).isEqualTo(200);
        }

        @Test
        void optionsForAnUnknownUsernameLookLikeOptionsForAKnownOne() {
            String known = someone();
            bank.enrolled(SoftwareAuthenticator.create(ES256, NONE), known);
            JsonNode forKnown = bank.authenticationOptions(known);
            String unknown = someone();
            JsonNode forUnknown = bank.authenticationOptions(unknown);
            assertThat(forUnknown.propertyNames()).isEqualTo(forKnown.propertyNames());
            assertThat(forUnknown.path("allowCredentials")).isNotEmpty().hasSizeLessThanOrEqualTo(2)
                    .allSatisfy(decoy -> assertThat(decoy.path("type").asString()).isEqualTo("public-key"));
            // A decoy that changed between requests would tell a prober that nobody has this name.
            assertThat(bank.authenticationOptions(unknown).path("allowCredentials").findValuesAsString("id"))
                    .isEqualTo(forUnknown.path("allowCredentials").findValuesAsString("id"));
            assertThat(bank.authenticationOptions(someone()).path("allowCredentials").findValuesAsString("id"))
                    .doesNotContainAnyElementsOf(forUnknown.path("allowCredentials").findValuesAsString("id"));
        }
    }

    @Nested
    class RegistrationRejections {

        @Test
        void rejectsWrongClientDataType() {
            assertProblem(bank.register(SoftwareAuthenticator.create(ES256, NONE), someone(),
                    in -> in.withType("webauthn.get")), 400, "type_mismatch");
        }

        @Test
        void rejectsUnknownChallenge() {
            assertProblem(bank.register(SoftwareAuthenticator.create(ES256, NONE), someone(),
                    in -> in.withChallenge("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")), 400, "challenge_mismatch");
        }

        @Test
        void rejectsReplayedRegistration() {
            SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, NONE);
            JsonNode options = bank.registrationOptions(someone());
            String response = authenticator.register(bank.registrationInput(options));
            assertThat(api.post(bank.path("/registration/verify"), response).status()).isEqualTo(200);
            assertProblem(api.post(bank.path("/registration/verify"), response), 400, "challenge_mismatch");
        }

        @Test
        void rejectsWrongOrigin() {
            assertProblem(bank.register(SoftwareAuthenticator.create(ES256, NONE), someone(),
                    in -> in.withOrigin("https://evil.example")), 400, "origin_not_allowed");
        }

        @Test
        void rejectsWrongRpIdHash() {
            assertProblem(bank.register(SoftwareAuthenticator.create(ES256, NONE), someone(),
                    in -> in.withRpId("evil.example")), 400, "rp_id_mismatch");
        }

        @Test
        void rejectsMissingUserPresence() {
            assertProblem(bank.register(SoftwareAuthenticator.create(ES256, NONE), someone(),
                    in -> in.withUserPresent(false)), 400, "user_presence_required");
        }

        @Test
        void rejectsMissingUserVerificationWhenPolicyRequiresIt() {
            assertProblem(bank.register(SoftwareAuthenticator.create(ES256, NONE), someone(),
                    in -> in.withUserVerified(false)), 400, "user_verification_required");
        }

        @Test
        void rejectsACredentialIdRegisteredBefore() {
            SoftwareAuthenticator authenticator = bank.enrolled(SoftwareAuthenticator.create(ES256, NONE), someone());
            assertProblem(bank.register(authenticator, someone()), 409, "credential_already_registered");
        }

        @Test
        void rejectsBackupStateWithoutBackupEligibility() {
            assertProblem(bank.register(SoftwareAuthenticator.create(ES256, NONE), someone(),
                    in -> in.withBackupEligible(false).withBackupState(true)), 400, "backup_state_invalid");
        }

        @Test
        void rejectsNoneAttestationWithAStatement() {
            assertProblem(bank.register(SoftwareAuthenticator.create(ES256, NONE), someone(),
                    in -> in.withNoneWithStatement(true)), 400, "attestation_invalid");
        }

        @Test
        void rejectsAnUnknownAttestationFormat() {
            assertProblem(bank.register(SoftwareAuthenticator.create(ES256, NONE), someone(),
                    in -> in.withFormat("made-up")), 400, "attestation_format_unsupported");
        }

        @Test
        void rejectsTruncatedCbor() {
            assertProblem(bank.register(SoftwareAuthenticator.create(ES256, PACKED_SELF), someone(),
                    in -> in.withTruncateAttestationObject(true)), 400, "malformed_response");
        }

        @Test
        void rejectsAnAlgorithmTheTenantDidNotOffer() {
            TenantFixture es256Only = TenantFixture.create(api, "es256-only", Map.of("allowedAlgorithms", java.util.List.of("ES256")));
            assertProblem(es256Only.register(SoftwareAuthenticator.create(RS256, PACKED_SELF), someone()),
                    400, "algorithm_not_allowed");
        }

        @Test
        void rejectsNoneAttestationWhereThePolicyForbidsIt() {
            TenantFixture strict = TenantFixture.create(api, "no-none", Map.of("allowNoneAttestation", false));
            assertProblem(strict.register(SoftwareAuthenticator.create(ES256, NONE), someone()),
                    400, "attestation_none_not_allowed");
        }

        @Test
        void rejectsSelfAttestationWhereThePolicyForbidsIt() {
            TenantFixture strict = TenantFixture.create(api, "no-self", Map.of("allowSelfAttestation", false));
            assertProblem(strict.register(SoftwareAuthenticator.create(ES256, PACKED_SELF), someone()),
                    400, "attestation_self_not_allowed");
        }

        @Test
        void rejectsUntrustedAttestationWhereThePolicyRequiresTrust() {
            TenantFixture strict = TenantFixture.create(api, "trusted-only", Map.of("requireTrustedAttestation", true));
            assertProblem(strict.register(SoftwareAuthenticator.create(ES256, PACKED_SELF), someone()),
                    400, "attestation_untrusted");
        }
    }

    @Nested
    class AuthenticationRejections {

        SoftwareAuthenticator authenticator;
        String owner;

        @BeforeEach
        void enrolled() {
            owner = someone();
            authenticator = bank.enrolled(SoftwareAuthenticator.create(ES256, PACKED_SELF), owner);
        }

        @Test
        void rejectsWrongClientDataType() {
            assertProblem(bank.authenticate(authenticator, owner, in -> in.withType("webauthn.create")),
                    400, "type_mismatch");
        }

        @Test
        void rejectsWrongChallenge() {
            bank.authenticationOptions(owner);
            String forged = authenticator.authenticate(AuthenticationInput.of(
                    "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", TenantFixture.ORIGIN, TenantFixture.RP_ID));
            assertProblem(bank.verifyAssertion(forged), 400, "challenge_mismatch");
        }

        @Test
        void rejectsReplayedAssertion() {
            String challenge = bank.authenticationOptions(owner).path("challenge").asString();
            String assertion = authenticator.authenticate(
                    AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID));
            assertThat(bank.verifyAssertion(assertion).status()).isEqualTo(200);
            assertProblem(bank.verifyAssertion(assertion), 400, "challenge_mismatch");
        }

        @Test
        void rejectsWrongOrigin() {
            assertProblem(bank.authenticate(authenticator, owner, in -> in.withOrigin("https://login.bank.example.evil")),
                    400, "origin_not_allowed");
        }

        @Test
        void rejectsWrongRpIdHash() {
            assertProblem(bank.authenticate(authenticator, owner, in -> in.withRpId("example")),
                    400, "rp_id_mismatch");
        }

        @Test
        void rejectsMissingUserPresence() {
            assertProblem(bank.authenticate(authenticator, owner, in -> in.withUserPresent(false)),
                    400, "user_presence_required");
        }

        @Test
        void rejectsMissingUserVerificationWhenPolicyRequiresIt() {
            assertProblem(bank.authenticate(authenticator, owner, in -> in.withUserVerified(false)),
                    400, "user_verification_required");
        }

        @Test
        void rejectsABadSignature() {
            assertProblem(bank.authenticate(authenticator, owner, in -> in.withCorruptSignature(true)),
                    400, "signature_invalid");
        }

        @Test
        void rejectsAnEcdsaSignatureWithRAndSZero() {
            assertProblem(bank.authenticate(authenticator, owner, in -> in.withZeroSignature(true)),
                    400, "signature_invalid");
        }

        @Test
        void rejectsAnUnknownCredential() {
            SoftwareAuthenticator stranger = SoftwareAuthenticator.create(ES256, NONE);
            assertProblem(bank.authenticate(stranger, null,
                    in -> in.withUserHandleOverride(new byte[32])), 400, "credential_unknown");
        }

        @Test
        void rejectsAnotherUsersCredentialUsernameFirst() {
            String mallory = someone();
            SoftwareAuthenticator attackers = bank.enrolled(SoftwareAuthenticator.create(ES256, NONE), mallory);
            assertProblem(bank.authenticate(attackers, owner), 400, "credential_user_mismatch");
        }

        @Test
        void rejectsAUserHandleThatIsNotTheCredentialOwners() {
            String victim = someone();
            JsonNode victimOptions = bank.registrationOptions(victim);
            bank.enrolled(SoftwareAuthenticator.create(ES256, NONE), victim);
            byte[] victimHandle = java.util.Base64.getUrlDecoder().decode(victimOptions.path("user").path("id").asString());
            assertProblem(bank.authenticate(authenticator, null, in -> in.withUserHandleOverride(victimHandle)),
                    400, "user_handle_mismatch");
        }

        @Test
        void rejectsUsernamelessSignInWithoutAUserHandle() {
            assertProblem(bank.authenticate(authenticator, null, in -> in.withIncludeUserHandle(false)),
                    400, "user_handle_missing");
        }

        @Test
        void counterRegressionBlocksTheCredentialForGood() {
            authenticator.signCount(10);
            assertThat(bank.authenticate(authenticator, owner).status()).isEqualTo(200);
            authenticator.signCount(5);
            assertProblem(bank.authenticate(authenticator, owner), 403, "counter_regression");
            authenticator.signCount(50);
            assertProblem(bank.authenticate(authenticator, owner), 403, "credential_suspected_clone");
            assertProblem(bank.authenticate(authenticator, null), 403, "credential_suspected_clone");
        }

        @Test
        void rejectsBackupStateWithoutBackupEligibility() {
            assertProblem(bank.authenticate(authenticator, owner, in -> in.withBackupState(true)),
                    400, "backup_state_invalid");
        }

        @Test
        void rejectsLeftoverBytesAfterAuthenticatorData() {
            assertProblem(bank.authenticate(authenticator, owner, in -> in.withTrailingBytesAfterAuthenticatorData(true)),
                    400, "malformed_response");
        }
    }

    @Nested
    class TenantIsolation {

        @Test
        void aCredentialOfOneTenantIsUnknownToAnother() {
            String alice = someone();
            SoftwareAuthenticator authenticator = bank.enrolled(SoftwareAuthenticator.create(ES256, NONE), alice);
            TenantFixture other = TenantFixture.create(api, "other-bank", Map.of());
            assertProblem(other.authenticate(authenticator, null), 400, "credential_unknown");
            assertThat(bank.authenticate(authenticator, null).status()).isEqualTo(200);
        }

        @Test
        void anUnknownTenantIsNotFound() {
            assertProblem(api.post("/v1/tenants/nobody/authentication/options", Map.of()), 404, "tenant_not_found");
        }

        @Test
        void registrationNeedsOpenEnrollment() {
            api.putTenant("closed", Map.of("rpId", TenantFixture.RP_ID, "rpName", "Closed",
                    "allowedOrigins", java.util.List.of(TenantFixture.ORIGIN)));
            assertProblem(api.post("/v1/tenants/closed/registration/options", Map.of("username", "x")),
                    403, "enrollment_not_open");
        }
    }

    @Nested
    @SendsBadInput("bodies that are not JSON, not base64url or not of the schema; an undeclared path")
    class MalformedInput {

        @Test
        void malformedJsonIsA400() {
            assertProblem(api.post(bank.path("/authentication/verify"), "{not json"), 400, "malformed_request");
        }

        @Test
        void badBase64urlIsA400() {
            String body = "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"!!!\","
                    + "\"authenticatorData\":\"AA\",\"signature\":\"AA\"}}";
            assertProblem(api.post(bank.path("/authentication/verify"), body), 400, "malformed_request");
        }

        @Test
        void garbageClientDataIsA400() {
            String body = "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"AAAA\","
                    + "\"authenticatorData\":\"AAAA\",\"signature\":\"AA\"}}";
            assertProblem(api.post(bank.path("/authentication/verify"), body), 400, "malformed_response");
        }

        @Test
        void anOversizedBodyIsRefused() {
            String huge = "{\"username\":\"" + "a".repeat(70_000) + "\"}";
            assertProblem(api.post(bank.path("/authentication/options"), huge), 413, "payload_too_large");
        }

        @Test
        void anOversizedChunkedBodyIsRefusedWhileReading() {
            String huge = "{\"username\":\"" + "a".repeat(70_000) + "\"}";
            assertProblem(api.postChunked(bank.path("/authentication/options"), huge), 413, "payload_too_large");
        }

        @Test
        void theErrorPathIsAProblemToo() {
            assertProblem(api.get("/error"), 404, "not_found");
            assertProblem(api.get("/v1/nothing-here"), 404, "not_found");
        }

        @Test
        void anInvalidUsernameIsA400() {
            assertProblem(api.post(bank.path("/registration/options"), Map.of("username", "")), 400, "invalid_request");
        }
    }
}
