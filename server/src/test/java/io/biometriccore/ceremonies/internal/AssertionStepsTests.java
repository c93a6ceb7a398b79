package io.biometriccore.ceremonies.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.ceremonies.internal.StepFixture.adding;
import static io.biometriccore.ceremonies.internal.StepFixture.passes;
import static io.biometriccore.ceremonies.internal.StepFixture.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.ceremonies.AuthenticationResponse;
import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.internal.AssertionSteps.Assertion;
import io.biometriccore.credentials.Credential;
import io.biometriccore.identity.Customer;
import io.biometriccore.identity.UserHandle;
import io.biometriccore.risk.BankContext;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * WebAuthn Level 3 §7.2, one step at a time, on real assertions from the testkit's authenticator:
 * each nested class is one step of {@link AssertionSteps}, run alone, without Spring.
 */
class AssertionStepsTests {

    private final StepFixture fixture = new StepFixture();

    private Step<Assertion> step(String id) {
        return fixture.assertionSteps().steps().step(id);
    }

    @Test
    void listsTheStepsInTheSpecsOrderWithOursAfterTheOnesTheyExtend() {
        assertThat(fixture.assertionSteps().steps().list()).extracting(Step::id).containsExactly("5", "6",
                "ours:bank-context", "10",
                "11", "ours:purpose", "12", "13", "14", "ours:token-binding", "15", "16", "17", "18", "19", "21", "22", "ours:risk");
    }

    @Test
    void aValidAssertionPassesEveryStepAndReportsItsFlags() {
        var flags = fixture.assertionSteps().verify(fixture.assertion(UnaryOperator.identity())).flags();
        assertThat(flags.userPresent()).isTrue();
        assertThat(flags.userVerified()).isTrue();
    }

    @Nested
    @DisplayName("Ours: the ceremony was started for what this route finishes")
    class Purpose {

        @Test
        void rejectsAStepUpFinishedByTheConformanceRoute() {
            Assertion signIn = fixture.assertion(UnaryOperator.identity());
            PendingCeremony o = signIn.options();
            PendingCeremony stepUp = new PendingCeremony(o.handle(), o.tenantId(), o.type(), CeremonyPurpose.STEP_UP,
                    o.challenge(), o.userHandle(), o.customerId(), o.username(), o.displayName(),
                    o.userVerificationRequired(), o.algorithms(), o.allowCredentials(), o.expiresAt(),
                    new CeremonyContext(null, null, UUID.randomUUID(), null, null));
            rejects(step("ours:purpose"), finishedBy(signIn, stepUp, CeremonyPurpose.CONFORMANCE),
                    CeremonyProblem.CEREMONY_PURPOSE_MISMATCH);
        }

        @Test
        void rejectsASignInFinishedByTheCrossChannelApproval() {
            Assertion signIn = fixture.assertion(UnaryOperator.identity());
            rejects(step("ours:purpose"), finishedBy(signIn, signIn.options(), CeremonyPurpose.CROSS_CHANNEL_APPROVAL),
                    CeremonyProblem.CEREMONY_PURPOSE_MISMATCH);
        }

        @Test
        void passesAPurposeTheRouteFinishes() {
            Assertion signIn = fixture.assertion(UnaryOperator.identity());
            passes(step("ours:purpose"), finishedBy(signIn, signIn.options(), CeremonyPurpose.SIGN_IN,
                    CeremonyPurpose.STEP_UP));
        }

        private static Assertion finishedBy(Assertion a, PendingCeremony options, CeremonyPurpose... accepted) {
            return new Assertion(options, a.response(), a.parameters(), a.credentialRecord(), a.user(), a.client(),
                    Set.of(accepted), null);
        }
    }

    @Nested
    @DisplayName("Ours: the bank's context, when it names a customer, names this one")
    class BankContextBinding {

        @Test
        void rejectsAContextTheBankIssuedForAnotherCustomer() {
            rejects(step("ours:bank-context"), withContextFor("someone-else"), RiskProblem.CONTEXT_SUBJECT_MISMATCH);
        }

        @Test
        void passesAContextForThisCustomerAndOneThatNamesNoCustomer() {
            Assertion signIn = fixture.assertion(UnaryOperator.identity());
            passes(step("ours:bank-context"), withContextFor(signIn.user().username()));
            passes(step("ours:bank-context"), withContextFor(null));
        }

        private Assertion withContextFor(@org.jspecify.annotations.Nullable String subject) {
            Assertion a = fixture.assertion(UnaryOperator.identity());
            PendingCeremony o = a.options();
            BankContext bank = new BankContext("bank-key", java.time.Instant.now(), subject, null, null, null);
            PendingCeremony withContext = new PendingCeremony(o.handle(), o.tenantId(), o.type(), o.purpose(),
                    o.challenge(), o.userHandle(), o.customerId(), o.username(), o.displayName(),
                    o.userVerificationRequired(), o.algorithms(), o.allowCredentials(), o.expiresAt(),
                    o.context().withRisk(bank, null));
            return new Assertion(withContext, a.response(), a.parameters(), a.credentialRecord(), a.user(), a.client(),
                    a.accepted(), a.risk());
        }
    }

    @Nested
    @DisplayName("7–9. Let cData, authData and sig denote ...; let C be the result of parsing JSONtext")
    class Step7To9 {

        @Test
        void rejectsClientDataThatIsNotJson() {
            var verifier = fixture.authenticationVerifier();
            var response = new AuthenticationResponse(new byte[16], "not json".getBytes(StandardCharsets.UTF_8),
                    new byte[37], new byte[70], null, null);
            assertThatThrownBy(() -> verifier.parse(response)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertCode(e.problem(), CeremonyProblem.MALFORMED_RESPONSE));
        }
    }

    @Nested
    @DisplayName("5. If options.allowCredentials is not empty, verify that credential.id identifies one of ...")
    class Step5 {

        @Test
        void passesWhenTheCredentialIsListed() {
            passes(step("5"), fixture.assertion(UnaryOperator.identity()));
        }

        @Test
        void rejectsACredentialThatIsNotListed() {
            Credential record = fixture.credentialRecord(0, false, false);
            var options = fixture.authenticationOptions(true, true, List.of(Base64Url.encode(new byte[16])));
            rejects(step("5"), fixture.assertion(options, record, fixture.user, fixture.authenticationInput()),
                    CeremonyProblem.CREDENTIAL_USER_MISMATCH);
        }

        @Test
        void acceptsAnyCredentialWhenTheListIsEmpty() {
            Credential record = fixture.credentialRecord(0, false, false);
            var options = fixture.authenticationOptions(false, true, List.of());
            passes(step("5"), fixture.assertion(options, record, fixture.user, fixture.authenticationInput()));
        }
    }

    @Nested
    @DisplayName("6. Identify the user being authenticated and let credentialRecord be the credential record ...")
    class Step6 {

        private final Customer someoneElse = new Customer(UUID.randomUUID(), "bank", UserHandle.generate(), "mallory",
                "Mallory", null, StepFixture.NOW);

        @Test
        void rejectsACredentialOfAnotherUserInAUsernameFirstCeremony() {
            Credential record = fixture.credentialRecord(0, false, false);
            var options = fixture.authenticationOptions(true, true, List.of());
            rejects(step("6"), fixture.assertion(options, record, someoneElse, fixture.authenticationInput()),
                    CeremonyProblem.CREDENTIAL_USER_MISMATCH);
        }

        @Test
        void requiresTheUserHandleWhenNoUserWasNamed() {
            Credential record = fixture.credentialRecord(0, false, false);
            var options = fixture.authenticationOptions(false, true, List.of());
            rejects(step("6"), fixture.assertion(options, record, fixture.user,
                    fixture.authenticationInput().withIncludeUserHandle(false)), CeremonyProblem.USER_HANDLE_MISSING);
        }

        @Test
        void rejectsAUserHandleThatIsNotTheOwners() {
            Credential record = fixture.credentialRecord(0, false, false);
            var options = fixture.authenticationOptions(false, true, List.of());
            rejects(step("6"), fixture.assertion(options, record, fixture.user,
                    fixture.authenticationInput().withUserHandleOverride(UserHandle.generate().value())),
                    CeremonyProblem.USER_HANDLE_MISMATCH);
        }

        @Test
        void passesForTheOwnerNamedByTheUserHandle() {
            Credential record = fixture.credentialRecord(0, false, false);
            var options = fixture.authenticationOptions(false, true, List.of());
            passes(step("6"), fixture.assertion(options, record, fixture.user, fixture.authenticationInput()));
        }
    }

    @Nested
    @DisplayName("10. Verify that the value of C.type is the string webauthn.get")
    class Step10 {

        @Test
        void rejectsACreateClientData() {
            rejects(step("10"), fixture.assertion(in -> in.withType("webauthn.create")),
                    CeremonyProblem.TYPE_MISMATCH);
        }

        @Test
        void passesAGetClientData() {
            passes(step("10"), fixture.assertion(UnaryOperator.identity()));
        }

        @Test
        void rejectsAPaymentGetClientDataOutsideASecurePaymentConfirmation() {
            rejects(step("10"), fixture.assertion(in -> in.withType("payment.get")), CeremonyProblem.TYPE_MISMATCH);
        }

        @Test
        void expectsPaymentGetForASecurePaymentConfirmation() {
            passes(step("10"), asSpc(fixture.assertion(in -> in.withType("payment.get"))));
            rejects(step("10"), asSpc(fixture.assertion(UnaryOperator.identity())), CeremonyProblem.TYPE_MISMATCH);
        }

        private static Assertion asSpc(Assertion a) {
            PendingCeremony o = a.options();
            PendingCeremony spc = new PendingCeremony(o.handle(), o.tenantId(), o.type(), CeremonyPurpose.SPC_APPROVAL,
                    o.challenge(), o.userHandle(), o.customerId(), o.username(), o.displayName(),
                    o.userVerificationRequired(), o.algorithms(), o.allowCredentials(), o.expiresAt(),
                    CeremonyContext.spcApproval(UUID.randomUUID(), "bm9uY2U", "https://shop.example", null));
            return new Assertion(spc, a.response(), a.parameters(), a.credentialRecord(), a.user(), a.client(),
                    a.accepted(), null);
        }
    }

    @Nested
    @DisplayName("11. Verify that the value of C.challenge equals the base64url encoding of options.challenge")
    class Step11 {

        @Test
        void rejectsAnotherChallenge() {
            rejects(step("11"), fixture.assertion(in -> in.withChallenge(Base64Url.encode(StepFixture.randomBytes(32)))),
                    CeremonyProblem.CHALLENGE_MISMATCH);
        }

        @Test
        void passesTheOptionsChallenge() {
            passes(step("11"), fixture.assertion(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("12. Verify that the value of C.origin is an origin expected by the Relying Party")
    class Step12 {

        @Test
        void rejectsAnOriginTheTenantDoesNotList() {
            rejects(step("12"), fixture.assertion(in -> in.withOrigin("https://bank.example.evil.example")),
                    CeremonyProblem.ORIGIN_NOT_ALLOWED);
        }

        @Test
        void rejectsASubdomainTheTenantDoesNotList() {
            rejects(step("12"), fixture.assertion(in -> in.withOrigin("https://login.bank.example")),
                    CeremonyProblem.ORIGIN_NOT_ALLOWED);
        }

        @Test
        void passesTheTenantsOrigin() {
            passes(step("12"), fixture.assertion(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("13. If C.crossOrigin is present and set to true, verify that the Relying Party expects ...")
    class Step13 {

        @Test
        void rejectsACrossOriginIframe() {
            rejects(step("13"), fixture.assertionWithClientData(adding("\"crossOrigin\":true")),
                    CeremonyProblem.ORIGIN_NOT_ALLOWED);
        }

        @Test
        void passesWhenCrossOriginIsFalse() {
            passes(step("13"), fixture.assertionWithClientData(adding("\"crossOrigin\":false")));
        }
    }

    @Nested
    @DisplayName("14. If C.topOrigin is present, verify that the Relying Party expects ...")
    class Step14 {

        @Test
        void rejectsAnyTopOrigin() {
            rejects(step("14"), fixture.assertionWithClientData(adding("\"topOrigin\":\"https://shop.example\"")),
                    CeremonyProblem.ORIGIN_NOT_ALLOWED);
        }

        @Test
        void passesWithoutATopOrigin() {
            passes(step("14"), fixture.assertion(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("Level 2's step 14: C.tokenBinding must not claim a Token Binding")
    class TokenBinding {

        @Test
        void rejectsAClaimedTokenBinding() {
            rejects(step("ours:token-binding"), fixture.assertionWithClientData(
                    adding("\"tokenBinding\":{\"status\":\"present\",\"id\":\"AAAA\"}")),
                    CeremonyProblem.VERIFICATION_FAILED);
        }

        @Test
        void passesAClientThatOnlySupportsIt() {
            passes(step("ours:token-binding"), fixture.assertionWithClientData(
                    adding("\"tokenBinding\":{\"status\":\"supported\"}")));
        }
    }

    @Nested
    @DisplayName("15. Verify that the rpIdHash in authData is the SHA-256 hash of the RP ID ...")
    class Step15 {

        @Test
        void rejectsAnotherRpId() {
            rejects(step("15"), fixture.assertion(in -> in.withRpId("evil.example")), CeremonyProblem.RP_ID_MISMATCH);
        }

        @Test
        void passesTheTenantsRpId() {
            passes(step("15"), fixture.assertion(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("16. Verify that the UP bit of the flags in authData is set")
    class Step16 {

        @Test
        void rejectsAnAssertionWithoutUserPresence() {
            rejects(step("16"), fixture.assertion(in -> in.withUserPresent(false)),
                    CeremonyProblem.USER_PRESENCE_REQUIRED);
        }
    }

    @Nested
    @DisplayName("17. Determine whether user verification is required for this assertion ...")
    class Step17 {

        @Test
        void rejectsAnUnverifiedUserWhenVerificationIsRequired() {
            rejects(step("17"), fixture.assertion(in -> in.withUserVerified(false)),
                    CeremonyProblem.USER_VERIFICATION_REQUIRED);
        }

        @Test
        void ignoresTheUvFlagWhenVerificationIsNotRequired() {
            Credential record = fixture.credentialRecord(0, false, false);
            var options = fixture.authenticationOptions(true, false, List.of());
            passes(step("17"), fixture.assertion(options, record, fixture.user,
                    fixture.authenticationInput().withUserVerified(false)));
        }
    }

    @Nested
    @DisplayName("18. If the BE bit of the flags in authData is not set, verify that the BS bit is not set")
    class Step18 {

        @Test
        void rejectsBackedUpWithoutBackupEligible() {
            rejects(step("18"), fixture.assertion(in -> in.withBackupState(true)),
                    CeremonyProblem.BACKUP_STATE_INVALID);
        }

        @Test
        void passesBackupEligibleAndBackedUp() {
            passes(step("18"), fixture.assertion(in -> in.withBackupEligible(true).withBackupState(true)));
        }
    }

    @Nested
    @DisplayName("19. If the credential backup state is used as part of Relying Party business logic ...")
    class Step19 {

        @Test
        void rejectsADeviceBoundCredentialThatBecameBackupEligible() {
            rejects(step("19"), fixture.assertion(in -> in.withBackupEligible(true)),
                    CeremonyProblem.BACKUP_ELIGIBILITY_CHANGED);
        }

        @Test
        void rejectsASyncedCredentialThatLostBackupEligibility() {
            Credential record = fixture.credentialRecord(0, true, true);
            var options = fixture.authenticationOptions(true, true, List.of());
            rejects(step("19"), fixture.assertion(options, record, fixture.user, fixture.authenticationInput()),
                    CeremonyProblem.BACKUP_ELIGIBILITY_CHANGED);
        }

        @Test
        void passesAnUnchangedBackupEligibility() {
            Credential record = fixture.credentialRecord(0, true, false);
            var options = fixture.authenticationOptions(true, true, List.of());
            passes(step("19"), fixture.assertion(options, record, fixture.user,
                    fixture.authenticationInput().withBackupEligible(true).withBackupState(true)));
        }
    }

    @Nested
    @DisplayName("20–21. Let hash be SHA-256 over cData; using credentialRecord.publicKey, verify that sig ...")
    class Step21 {

        @Test
        void rejectsACorruptedSignature() {
            rejects(step("21"), fixture.assertion(in -> in.withCorruptSignature(true)),
                    CeremonyProblem.SIGNATURE_INVALID);
        }

        @Test
        void rejectsASignatureOverOtherClientData() {
            rejects(step("21"), fixture.assertionWithClientData(adding("\"extra\":1")), CeremonyProblem.SIGNATURE_INVALID);
        }

        @Test
        void rejectsTheZeroSignature() {
            rejects(step("21"), fixture.assertion(in -> in.withZeroSignature(true)), CeremonyProblem.SIGNATURE_INVALID);
        }

        @Test
        void passesTheAuthenticatorsSignature() {
            passes(step("21"), fixture.assertion(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("22. If authData.signCount is nonzero or credentialRecord.signCount is nonzero ...")
    class Step22 {

        private Assertion withCounters(long stored, long presented) {
            Credential record = fixture.credentialRecord(stored, false, false);
            fixture.authenticator.autoIncrement(false);
            fixture.authenticator.signCount(presented);
            return fixture.assertion(fixture.authenticationOptions(true, true, List.of()), record, fixture.user,
                    fixture.authenticationInput());
        }

        @Test
        void blocksTheCredentialWhenTheCounterDoesNotAdvance() {
            Assertion assertion = withCounters(7, 7);
            assertThatThrownBy(() -> step("22").verify(assertion))
                    .isInstanceOfSatisfying(AssertionSteps.CounterRegression.class, e -> {
                        assertCode(e.problem(), CeremonyProblem.COUNTER_REGRESSION);
                        assertThat(e.expectedMinimum()).isEqualTo(8);
                        assertThat(e.received()).isEqualTo(7);
                        assertThat(e.credentialId()).isEqualTo(Base64Url.encode(assertion.credentialRecord()
                                .credentialId()));
                    });
            assertThat(fixture.suspectedClones).containsExactly(assertion.credentialRecord());
        }

        @Test
        void blocksTheCredentialWhenTheCounterGoesBackToZero() {
            rejects(step("22"), withCounters(7, 0), CeremonyProblem.COUNTER_REGRESSION);
            assertThat(fixture.suspectedClones).hasSize(1);
        }

        @Test
        void passesACounterThatAdvances() {
            passes(step("22"), withCounters(7, 8));
            assertThat(fixture.suspectedClones).isEmpty();
        }

        @Test
        void passesAuthenticatorsWithoutACounter() {
            passes(step("22"), withCounters(0, 0));
            assertThat(fixture.suspectedClones).isEmpty();
        }
    }

    @Nested
    @DisplayName("23. Process the client extension outputs ... as required by the Relying Party")
    class Step23 {

        @Test
        void unsolicitedExtensionOutputsAreIgnored() {
            Assertion valid = fixture.assertion(UnaryOperator.identity());
            var verifier = fixture.authenticationVerifier();
            var data = valid.response();
            var withExtension = new AuthenticationResponse(data.getCredentialId(), data.getCollectedClientDataBytes(),
                    data.getAuthenticatorDataBytes(), data.getSignature(), data.getUserHandle(), "{\"appid\":true}");
            Assertion assertion = verifier.assertion(StepFixture.tenant(), valid.options(), verifier.parse(withExtension),
                    valid.credentialRecord(), valid.user(), valid.client(), valid.accepted());
            assertThat(fixture.assertionSteps().verify(assertion).flags().userVerified()).isTrue();
        }
    }

    @Nested
    @DisplayName("Ours, after step 22: the credential's status and the tenant's risk engine allow this attempt")
    class Risk {

        @Test
        void refusesWithTheReasonTheRiskEngineGave() {
            fixture.risk = a -> {
                throw new ApiException(RiskProblem.RISK_DENIED);
            };
            rejects(step("ours:risk"), fixture.assertion(UnaryOperator.identity()), RiskProblem.RISK_DENIED);
        }

        @Test
        void leavesTheAssessmentWithTheAssertion() {
            Assertion assessed = step("ours:risk").verify(fixture.assertion(UnaryOperator.identity()));

            assertThat(assessed.risk()).isNotNull();
            assertThat(assessed.risk().outcome()).isEqualTo(io.biometriccore.tenancy.RiskOutcome.ALLOW);
        }
    }
}
