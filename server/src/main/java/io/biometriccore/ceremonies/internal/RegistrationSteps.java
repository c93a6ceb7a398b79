package io.biometriccore.ceremonies.internal;

import static io.biometriccore.ceremonies.internal.Step.ours;
import static io.biometriccore.ceremonies.internal.Step.spec;
import static io.biometriccore.ceremonies.internal.WebAuthnRejections.verifying;

import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.FIDOU2FAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.verifier.OriginVerifierImpl;
import com.webauthn4j.verifier.RegistrationObject;
import com.webauthn4j.verifier.attestation.statement.AttestationStatementVerifier;
import com.webauthn4j.verifier.exception.BadAaguidException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.internal.BEBSFlagsVerifier;
import com.webauthn4j.verifier.internal.COSEAlgorithmIdentifierVerifier;
import com.webauthn4j.verifier.internal.ChallengeVerifier;
import com.webauthn4j.verifier.internal.CredentialIdLengthVerifier;
import com.webauthn4j.verifier.internal.CrossOriginFlagVerifier;
import com.webauthn4j.verifier.internal.RpIdHashVerifier;
import com.webauthn4j.verifier.internal.TokenBindingVerifier;
import com.webauthn4j.verifier.internal.TopOriginVerifier;
import com.webauthn4j.verifier.internal.UPUVFlagsVerifier;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.Tenant;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * WebAuthn Level 3 §7.1 "Registering a New Credential", as one ordered list of steps. The numbers and
 * opening words are those of the Level 3 text at
 * <a href="https://web.archive.org/web/20260325/https://www.w3.org/TR/webauthn-3/#sctn-registering-a-new-credential">
 * https://web.archive.org/web/20260325/https://www.w3.org/TR/webauthn-3/#sctn-registering-a-new-credential</a>,
 * the text webauthn4j quotes (see docs/adr/0020-ceremonies-are-step-lists.md).
 *
 * <p>Steps 1–4 are the client's. Steps 5–6 (JSONtext and C), 12 (hash) and 13 (CBOR decoding of
 * the attestation object) are done when the response is parsed ({@link RegistrationVerifier#parse}),
 * and so is the first half of step 21, because webauthn4j cannot decode a statement whose format it
 * does not know. Steps 18 and 19 only evaluate BE and BS, which the credential record keeps (step
 * 26). Step 23 assesses the attestation; the tenant's policy on it is the step after it, so that a
 * refusal by the policy is made with the assessment known (ADR 0041). Step 27 processes extension
 * outputs: we ask for {@code credProps} only, as a hint, so it checks nothing. Steps 26 and 28 (create and store credentialRecord) are the ceremony's transaction. Where
 * webauthn4j has a verifier for a single step, the step calls it; the others are ours.
 */
final class RegistrationSteps {

    /** §7.1 step 24: credential ids longer than this SHOULD fail the ceremony, and do. */
    static final int MAX_CREDENTIAL_ID_BYTES = 1023;

    /**
     * What §7.1 verifies: the relying party (the tenant), the ceremony's options, and the response.
     *
     * @param options    the pending ceremony: challenge, user, offered algorithms, enrollment grant
     * @param response   the parsed response (steps 5–6, 12–13)
     * @param rawId      {@code credential.rawId} as the client sent it
     * @param parameters webauthn4j's view of the relying party and the options
     * @param at         when the ceremony is verified, for certificate validity
     * @param trust      step 23's assessment, once made
     * @param accepted   the purposes the finishing route finishes
     */
    public record Registration(Tenant tenant, PendingCeremony options, RegistrationData response, byte[] rawId,
            RegistrationParameters parameters, Instant at, @Nullable AttestationTrust trust,
            Set<CeremonyPurpose> accepted) {

        public Registration {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(rawId, "rawId");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(at, "at");
            accepted = Set.copyOf(accepted);
        }

        Registration withTrust(AttestationTrust assessed) {
            return new Registration(tenant, options, response, rawId, parameters, at, assessed, accepted);
        }

        CollectedClientData clientData() {
            return response.getCollectedClientData();
        }

        AttestationObject attestationObject() {
            return Objects.requireNonNull(response.getAttestationObject(), "attestationObject");
        }

        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData() {
            return attestationObject().getAuthenticatorData();
        }

        AttestedCredentialData credentialData() {
            return Objects.requireNonNull(authenticatorData().getAttestedCredentialData(), "attestedCredentialData");
        }

        RegistrationObject webauthn4jObject() {
            return new RegistrationObject(attestationObject(), response.getAttestationObjectBytes(), clientData(),
                    response.getCollectedClientDataBytes(), response.getClientExtensions(), response.getTransports(),
                    parameters, at);
        }
    }

    /** Step 25's question: is this credential id registered already? */
    @FunctionalInterface
    public interface RegisteredCredentials {
        boolean contains(String tenantId, byte[] credentialId);
    }

    private final Steps<Registration> steps;

    /**
     * @param statementVerifiers webauthn4j's verifier for each attestation statement format we support
     * @param attestationPolicy  step 23, under the tenant's policy
     * @param modelStatus        after step 23: the model's MDS3 status reports against the tenant's statusDeny
     */
    public RegistrationSteps(List<AttestationStatementVerifier> statementVerifiers,
            AttestationPolicy attestationPolicy, ModelStatus modelStatus, RegisteredCredentials registered) {
        List<AttestationStatementVerifier> verifiers = List.copyOf(statementVerifiers);
        this.steps = new Steps<>(List.of(
                ours("purpose", "The ceremony was started for what this route finishes",
                        r -> PurposeBinding.verify(r.options(), r.accepted())),
                ours("enrollment", "Without an enrollment grant, the tenant must allow open enrollment, and the"
                        + " conformance routes need the conformance profile", RegistrationSteps::enrollment),
                ours("bank-context", "The bank's context, when it names a customer, names this one",
                        r -> ContextBinding.verify(r.options(), java.util.Objects.requireNonNull(
                                r.options().username(), "a registration names its customer"))),
                ours("raw-id", "credential.rawId must be the credentialId in authData", RegistrationSteps::rawId),
                spec("7", "Verify that the value of C.type is webauthn.create", RegistrationSteps::type),
                spec("8", "Verify that the value of C.challenge equals the base64url encoding of"
                        + " options.challenge", r -> verifying(() -> ChallengeVerifier.verify(r.clientData(),
                                r.parameters().getServerProperty()))),
                spec("9", "Verify that the value of C.origin is an origin expected by the Relying Party",
                        r -> verifying(() -> new OriginVerifierImpl().verify(r.webauthn4jObject()))),
                spec("10", "If C.crossOrigin is present and set to true, verify that the Relying Party expects that"
                        + " this credential would have been created within an iframe", r -> verifying(
                                () -> CrossOriginFlagVerifier.verify(r.clientData(), false))),
                spec("11", "If C.topOrigin is present, verify that the Relying Party expects that this credential"
                        + " would have been created within an iframe", r -> verifying(
                                () -> new TopOriginVerifier().verify(r.webauthn4jObject()))),
                ours("token-binding", "Level 2's step 10, dropped from Level 3: C.tokenBinding must not claim a"
                        + " Token Binding, which we never use", r -> verifying(() -> TokenBindingVerifier.verify(
                                r.clientData().getTokenBinding(), null))),
                spec("14", "Verify that the rpIdHash in authData is the SHA-256 hash of the RP ID expected by the"
                        + " Relying Party", r -> verifying(() -> RpIdHashVerifier.verify(
                                r.authenticatorData().getRpIdHash(), r.parameters().getServerProperty()))),
                spec("15", "If options.mediation is not set to conditional, verify that the UP bit of the flags in"
                        + " authData is set", r -> verifying(
                                () -> UPUVFlagsVerifier.verify(r.authenticatorData(), true, false))),
                spec("16", "If the Relying Party requires user verification for this registration, verify that the"
                        + " UV bit of the flags in authData is set", r -> verifying(
                                () -> UPUVFlagsVerifier.verify(r.authenticatorData(), false,
                                        r.options().userVerificationRequired()))),
                spec("17", "If the BE bit of the flags in authData is not set, verify that the BS bit is not set",
                        r -> verifying(() -> BEBSFlagsVerifier.verify(r.authenticatorData()))),
                spec("20", "Verify that the \"alg\" parameter in the credential public key in authData matches the"
                        + " alg attribute of one of the items in options.pubKeyCredParams", r -> verifying(
                                () -> COSEAlgorithmIdentifierVerifier.verify(
                                        r.credentialData().getCOSEKey().getAlgorithm(),
                                        r.parameters().getPubKeyCredParams()))),
                spec("21", "Determine the attestation statement format by performing a USASCII case-sensitive match"
                        + " on fmt", RegistrationSteps::formatAccepted),
                spec("22", "Verify that attStmt is a correct attestation statement, conveying a valid attestation"
                        + " signature", r -> statement(r, verifiers)),
                new Step<>("23", "Assess the attestation trustworthiness using the outputs of the verification"
                        + " procedure", r -> r.withTrust(attestationPolicy.assess(r.attestationObject(), r.at()))),
                ours("attestation-policy", "The tenant's policy accepts the attestation as step 23 assessed it:"
                        + " allowNone, allowSelf and requireTrustedAttestation", r -> AttestationPolicy.requireAllowed(
                                r.tenant().policy(), Objects.requireNonNull(r.trust(), "trust"))),
                ours("aaguid", "The authenticator model is on none of the tenant's aaguidDeny and, when the tenant"
                        + " has an aaguidAllow list, on it", RegistrationSteps::modelAllowed),
                ours("mds-status", "The authenticator model's FIDO MDS3 status reports name none of the tenant's"
                        + " statusDeny", r -> modelStatus.requireNotDenied(r.tenant().policy(), r.attestationObject())),
                spec("24", "Verify that the credentialId is ≤ 1023 bytes", r -> verifying(
                        () -> CredentialIdLengthVerifier.verify(r.credentialData().getCredentialId(),
                                MAX_CREDENTIAL_ID_BYTES))),
                spec("25", "Verify that the credentialId is not yet registered for any user",
                        r -> notRegistered(r, registered))));
    }

    /**
     * Runs every step in order; a step's refusal is first handed to {@code refused} with the registration as
     * the steps before it left it.
     *
     * @return the registration with step 23's assessment
     */
    public Registration verify(Registration registration, BiConsumer<Registration, ApiException> refused) {
        return steps.verify(registration, refused);
    }

    Steps<Registration> steps() {
        return steps;
    }

    private static void enrollment(Registration r) {
        switch (r.options().purpose()) {
            case OPEN_ENROLLMENT -> r.tenant().requireOpenEnrollment();
            case CONFORMANCE -> r.tenant().requireConformanceProfile();
            case GRANT_ENROLLMENT, SIGN_IN, STEP_UP, CROSS_CHANNEL_APPROVAL -> { }
        }
    }

    private static void rawId(Registration r) {
        if (!MessageDigest.isEqual(r.rawId(), r.credentialData().getCredentialId())) {
            throw new ApiException(CeremonyProblem.CREDENTIAL_ID_MISMATCH);
        }
    }

    private static void type(Registration r) {
        if (!ClientDataType.WEBAUTHN_CREATE.equals(r.clientData().getType())) {
            throw new ApiException(CeremonyProblem.TYPE_MISMATCH);
        }
    }

    /** The second half of step 21: the format is one this tenant accepts. */
    private static void formatAccepted(Registration r) {
        String format = r.attestationObject().getFormat();
        if (!r.tenant().policy().acceptedAttestationFormats().contains(format)) {
            throw new ApiException(CeremonyProblem.ATTESTATION_FORMAT_NOT_ALLOWED,
                    "The tenant does not accept attestation format " + format);
        }
    }

    /** The format's own verification procedure; fido-u2f also fixes the AAGUID at zero (FIDO U2F has none). */
    private static void statement(Registration r, List<AttestationStatementVerifier> verifiers) {
        RegistrationObject object = r.webauthn4jObject();
        verifying(() -> {
            AttestationStatementVerifier verifier = verifiers.stream().filter(v -> v.supports(object)).findFirst()
                    .orElseThrow(() -> new BadAttestationStatementException("No verifier for this format"));
            verifier.verify(object);
            if (r.attestationObject().getAttestationStatement() instanceof FIDOU2FAttestationStatement
                    && !AAGUID.ZERO.equals(r.credentialData().getAaguid())) {
                throw new BadAaguidException("fido-u2f attestation must have the zero AAGUID",
                        r.credentialData().getAaguid());
            }
        });
    }

    private static void modelAllowed(Registration r) {
        UUID aaguid = r.credentialData().getAaguid().getValue();
        if (r.tenant().rules().denies(aaguid)) {
            throw new ApiException(CeremonyProblem.AUTHENTICATOR_DENIED);
        }
        if (!r.tenant().rules().allows(aaguid)) {
            throw new ApiException(CeremonyProblem.AUTHENTICATOR_NOT_ALLOWED);
        }
    }

    private static void notRegistered(Registration r, RegisteredCredentials registered) {
        if (registered.contains(r.options().tenantId(), r.credentialData().getCredentialId())) {
            throw new ApiException(CeremonyProblem.CREDENTIAL_ALREADY_REGISTERED);
        }
    }
}
