package io.biometriccore.ceremonies.internal;

import static io.biometriccore.ceremonies.internal.Step.ours;
import static io.biometriccore.ceremonies.internal.Step.spec;
import static io.biometriccore.ceremonies.internal.WebAuthnRejections.verifying;

import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.verifier.AuthenticationObject;
import com.webauthn4j.verifier.OriginVerifierImpl;
import com.webauthn4j.verifier.internal.AssertionSignatureVerifier;
import com.webauthn4j.verifier.internal.BEBSFlagsVerifier;
import com.webauthn4j.verifier.internal.BEFlagVerifier;
import com.webauthn4j.verifier.internal.ChallengeVerifier;
import com.webauthn4j.verifier.internal.CredentialIdVerifier;
import com.webauthn4j.verifier.internal.CrossOriginFlagVerifier;
import com.webauthn4j.verifier.internal.RpIdHashVerifier;
import com.webauthn4j.verifier.internal.TokenBindingVerifier;
import com.webauthn4j.verifier.internal.TopOriginVerifier;
import com.webauthn4j.verifier.internal.UPUVFlagsVerifier;
import io.biometriccore.ceremonies.AuthenticatorFlags;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.credentials.Credential;
import io.biometriccore.identity.Customer;
import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * WebAuthn Level 3 §7.2 "Verifying an Authentication Assertion", as one ordered list of steps. The
 * numbers and opening words are those of the Level 3 text at
 * <a href="https://web.archive.org/web/20260325/https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion">
 * https://web.archive.org/web/20260325/https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion</a>,
 * the text webauthn4j quotes (see docs/adr/0020-ceremonies-are-step-lists.md).
 *
 * <p>Steps 1–4 are the client's. Steps 7–9 (cData, authData and sig; C parsed from JSONtext) are done
 * when the response is parsed ({@link AuthenticationVerifier#parse}), because C's challenge is what
 * finds the ceremony. Step 20 (hash over cData) is part of step 21's check. Step 23 processes
 * extension outputs: we request none, and the spec lets us ignore unsolicited ones, so it checks
 * nothing. Step 24 (update credentialRecord) is the sign-in's transaction, after every check here,
 * as the spec asks; step 25 is this list running to its end. Where webauthn4j has a verifier for a
 * single step, the step calls it; the others are ours.
 */
final class AssertionSteps {

    /**
     * What §7.2 verifies: the ceremony's options, the response, the credential record and its user.
     *
     * @param options    the pending ceremony: challenge, allowCredentials and the user, if named
     * @param response   the parsed response (steps 7–9)
     * @param parameters webauthn4j's view of the relying party, options and credential record
     * @param user       the credential record's owner
     * @param accepted   the purposes the finishing route finishes
     * @param risk       the risk engine's assessment, once the last step made it
     */
    public record Assertion(PendingCeremony options, AuthenticationData response, AuthenticationParameters parameters,
            Credential credentialRecord, Customer user, ClientContext client, Set<CeremonyPurpose> accepted,
            @Nullable RiskAssessment risk) {

        public Assertion {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(credentialRecord, "credentialRecord");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(client, "client");
            accepted = Set.copyOf(accepted);
        }

        Assertion withRisk(RiskAssessment assessed) {
            return new Assertion(options, response, parameters, credentialRecord, user, client, accepted, assessed);
        }

        CollectedClientData clientData() {
            return response.getCollectedClientData();
        }

        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> authenticatorData() {
            return response.getAuthenticatorData();
        }

        AuthenticatorFlags flags() {
            var data = authenticatorData();
            return new AuthenticatorFlags(data.isFlagUP(), data.isFlagUV(), data.isFlagBE(), data.isFlagBS());
        }

        AuthenticationObject webauthn4jObject() {
            return new AuthenticationObject(response.getCredentialId(), authenticatorData(),
                    response.getAuthenticatorDataBytes(), clientData(), response.getCollectedClientDataBytes(),
                    response.getClientExtensions(), parameters);
        }
    }

    /** What step 22 leaves to the relying party when the counter goes backwards: ours blocks the credential. */
    @FunctionalInterface
    public interface CloneSignal {
        void suspectClone(Credential credentialRecord);
    }

    /** C.type of a Secure Payment Confirmation assertion (SPC §5.1, {@code CollectedClientPaymentData}). */
    static final String PAYMENT_GET = "payment.get";

    private final Steps<Assertion> steps;

    /**
     * @param risk the risk engine, which has the last word after the spec's checks: it refuses, or
     *             assesses the attempt for the ceremony to act on
     */
    public AssertionSteps(CloneSignal clones, Function<Assertion, RiskAssessment> risk) {
        this.steps = new Steps<>(List.of(
                spec("5", "If options.allowCredentials is not empty, verify that credential.id identifies one of"
                        + " the public key credentials listed in options.allowCredentials", AssertionSteps::allowed),
                spec("6", "Identify the user being authenticated and let credentialRecord be the credential"
                        + " record for the credential", AssertionSteps::userBinding),
                ours("bank-context", "The bank's context, when it names a customer, names this one",
                        a -> ContextBinding.verify(a.options(), a.user().username())),
                spec("10", "Verify that the value of C.type is the string webauthn.get (SPC §9.1: payment.get for"
                        + " a Secure Payment Confirmation)", AssertionSteps::type),
                spec("11", "Verify that the value of C.challenge equals the base64url encoding of"
                        + " options.challenge", a -> verifying(() -> ChallengeVerifier.verify(a.clientData(),
                                a.parameters().getServerProperty()))),
                ours("purpose", "The ceremony was started for what this route finishes",
                        a -> PurposeBinding.verify(a.options(), a.accepted())),
                spec("12", "Verify that the value of C.origin is an origin expected by the Relying Party",
                        a -> verifying(() -> new OriginVerifierImpl().verify(a.webauthn4jObject()))),
                spec("13", "If C.crossOrigin is present and set to true, verify that the Relying Party expects this"
                        + " credential to be used within an iframe", a -> verifying(
                                () -> CrossOriginFlagVerifier.verify(a.clientData(), false))),
                spec("14", "If C.topOrigin is present, verify that the Relying Party expects this credential to"
                        + " be used within an iframe", a -> verifying(
                                () -> new TopOriginVerifier().verify(a.webauthn4jObject()))),
                ours("token-binding", "Level 2's step 14, dropped from Level 3: C.tokenBinding must not claim a"
                        + " Token Binding, which we never use", a -> verifying(() -> TokenBindingVerifier.verify(
                                a.clientData().getTokenBinding(), null))),
                spec("15", "Verify that the rpIdHash in authData is the SHA-256 hash of the RP ID expected by the"
                        + " Relying Party", a -> verifying(() -> RpIdHashVerifier.verify(
                                a.authenticatorData().getRpIdHash(), a.parameters().getServerProperty()))),
                spec("16", "Verify that the UP bit of the flags in authData is set",
                        a -> verifying(() -> UPUVFlagsVerifier.verify(a.authenticatorData(), true, false))),
                spec("17", "Determine whether user verification is required for this assertion", a -> verifying(
                        () -> UPUVFlagsVerifier.verify(a.authenticatorData(), false,
                                a.options().userVerificationRequired()))),
                spec("18", "If the BE bit of the flags in authData is not set, verify that the BS bit is not set",
                        a -> verifying(() -> BEBSFlagsVerifier.verify(a.authenticatorData()))),
                spec("19", "If the credential backup state is used as part of Relying Party business logic or"
                        + " policy, compare currentBe and currentBs with credentialRecord", a -> verifying(
                                () -> BEFlagVerifier.verify(a.parameters().getAuthenticator(), a.authenticatorData()))),
                spec("21", "Using credentialRecord.publicKey, verify that sig is a valid signature over the binary"
                        + " concatenation of authData and hash", AssertionSteps::signature),
                spec("22", "If authData.signCount is nonzero or credentialRecord.signCount is nonzero",
                        a -> signCount(a, clones)),
                new Step<>("ours:risk", "The credential's status and the tenant's risk engine allow this attempt,"
                        + " or say what it needs", a -> a.withRisk(risk.apply(a)))));
    }

    /** Runs every step in order; @return the verified assertion, with its risk assessment */
    public Assertion verify(Assertion assertion) {
        return steps.verify(assertion);
    }

    Steps<Assertion> steps() {
        return steps;
    }

    private static void allowed(Assertion a) {
        verifying(() -> CredentialIdVerifier.verify(a.response().getCredentialId(),
                a.parameters().getAllowCredentials()));
    }

    private static void userBinding(Assertion a) {
        UserBinding.verify(a.options(), a.user(), a.response().getUserHandle());
    }

    /**
     * By the purpose the ceremony was started for, so that a {@code payment.get} assertion never signs in
     * (SPC §11.1.1) and a {@code webauthn.get} one never stands for a Secure Payment Confirmation.
     */
    private static void type(Assertion a) {
        String expected = a.options().purpose() == CeremonyPurpose.SPC_APPROVAL ? PAYMENT_GET
                : ClientDataType.WEBAUTHN_GET.getValue();
        ClientDataType type = a.clientData().getType();
        if (type == null || !expected.equals(type.getValue())) {
            throw new ApiException(CeremonyProblem.TYPE_MISMATCH);
        }
    }

    private static void signature(Assertion a) {
        var publicKey = a.parameters().getAuthenticator().getAttestedCredentialData().getCOSEKey();
        verifying(() -> new AssertionSignatureVerifier().verify(a.response(), publicKey));
    }

    /** A regression is a clone signal: the credential is blocked for good, and this assertion fails. */
    private static void signCount(Assertion a, CloneSignal clones) {
        long stored = a.credentialRecord().signCount();
        long presented = a.authenticatorData().getSignCount();
        if ((stored != 0 || presented != 0) && presented <= stored) {
            clones.suspectClone(a.credentialRecord());
            throw new CounterRegression(Base64Url.encode(a.credentialRecord().credentialId()), stored + 1, presented);
        }
    }

    /**
     * Step 22's failure, with what was expected and what came, as Yubico's
     * {@code InvalidSignatureCountException} has. The answer on the wire stays generic.
     */
    public static final class CounterRegression extends ApiException {

        private final String credentialId;
        private final long expectedMinimum;
        private final long received;

        CounterRegression(String credentialId, long expectedMinimum, long received) {
            super(CeremonyProblem.COUNTER_REGRESSION);
            this.credentialId = credentialId;
            this.expectedMinimum = expectedMinimum;
            this.received = received;
        }

        public String credentialId() {
            return credentialId;
        }

        public long expectedMinimum() {
            return expectedMinimum;
        }

        public long received() {
            return received;
        }
    }
}
