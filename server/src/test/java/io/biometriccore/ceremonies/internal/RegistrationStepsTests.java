package io.biometriccore.ceremonies.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.ceremonies.internal.StepFixture.adding;
import static io.biometriccore.ceremonies.internal.StepFixture.passes;
import static io.biometriccore.ceremonies.internal.StepFixture.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.RegistrationResponse;
import io.biometriccore.ceremonies.internal.RegistrationSteps.Registration;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.risk.BankContext;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.tenancy.CoseAlgorithm;
import io.biometriccore.tenancy.TenancyProblem;
import io.biometriccore.tenancy.PolicyRules;
import io.biometriccore.tenancy.RiskPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import io.biometriccore.testkit.AttestationCa;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.statement.AttestationCertificatePath;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.metadata.MetadataEntry;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * WebAuthn Level 3 §7.1, one step at a time, on real responses from the testkit's authenticator:
 * each nested class is one step of {@link RegistrationSteps}, run alone, without Spring.
 */
class RegistrationStepsTests {

    private final StepFixture fixture = new StepFixture();

    private Step<Registration> step(String id) {
        return fixture.registrationSteps().steps().step(id);
    }

    private static TenantPolicy attestationPolicy(Set<String> formats, boolean allowNone, boolean allowSelf,
            boolean requireTrusted) {
        TenantPolicy d = StepFixture.lenientPolicy();
        return new TenantPolicy(d.userVerification(), d.residentKey(), d.attestation(), formats, allowNone, allowSelf,
                requireTrusted, d.allowedAlgorithms(), d.challengeTimeout());
    }

    private Registration withPolicy(Registration r, TenantPolicy policy) {
        return fixture.registration(StepFixture.tenant(policy, true), r.options(), fixture.registrationInput());
    }

    @Test
    void listsTheStepsInTheSpecsOrderWithOursBeforeTheOnesTheyGuard() {
        assertThat(fixture.registrationSteps().steps().list()).extracting(Step::id).containsExactly("ours:purpose",
                "ours:enrollment", "ours:bank-context", "ours:raw-id", "7", "8", "9", "10", "11", "ours:token-binding", "14", "15", "16", "17", "20", "21",
                "22", "23", "ours:attestation-policy", "ours:aaguid", "ours:mds-status", "24", "25");
    }

    @Test
    void aValidRegistrationPassesEveryStepWithItsAttestationAssessed() {
        Registration verified = fixture.registrationSteps().verify(fixture.registration(UnaryOperator.identity()),
                (at, refusal) -> { throw new AssertionError("refused at a step", refusal); });
        assertThat(verified.trust()).isEqualTo(AttestationTrust.NONE);
    }

    @Nested
    @DisplayName("5–6, 12–13. JSONtext, C, hash, and CBOR decoding of the attestation object")
    class Parsing {

        @Test
        void rejectsATruncatedAttestationObject() {
            var verifier = fixture.registrationVerifier(new TrustAnchors(Set.of()));
            RegistrationResponse response = fixture.registrationResponse(
                    fixture.registrationInput().withTruncateAttestationObject(true));
            assertThatThrownBy(() -> verifier.parse(response)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertCode(e.problem(), CeremonyProblem.MALFORMED_RESPONSE));
        }

        @Test
        void rejectsAFormatWeCannotVerifyWhileDecoding() {
            var verifier = fixture.registrationVerifier(new TrustAnchors(Set.of()));
            RegistrationResponse response = fixture.registrationResponse(
                    fixture.registrationInput().withFormat("x-unknown"));
            assertThatThrownBy(() -> verifier.parse(response)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertCode(e.problem(), CeremonyProblem.ATTESTATION_FORMAT_UNSUPPORTED));
        }

        @Test
        void rejectsANoneAttestationThatCarriesAStatement() {
            var verifier = fixture.registrationVerifier(new TrustAnchors(Set.of()));
            RegistrationResponse response = fixture.registrationResponse(
                    fixture.registrationInput().withNoneWithStatement(true));
            assertThatThrownBy(() -> verifier.parse(response)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertCode(e.problem(), CeremonyProblem.ATTESTATION_INVALID));
        }
    }

    @Nested
    @DisplayName("Ours: the ceremony was started for what this route finishes")
    class Purpose {

        @Test
        void rejectsAnOpenEnrollmentFinishedByTheConformanceRoute() {
            Registration r = finishedBy(fixture.registration(UnaryOperator.identity()), CeremonyPurpose.CONFORMANCE);
            rejects(step("ours:purpose"), r, CeremonyProblem.CEREMONY_PURPOSE_MISMATCH);
        }

        @Test
        void passesAPurposeTheRouteFinishes() {
            Registration r = finishedBy(fixture.registration(UnaryOperator.identity()),
                    CeremonyPurpose.OPEN_ENROLLMENT, CeremonyPurpose.GRANT_ENROLLMENT);
            passes(step("ours:purpose"), r);
        }

        private static Registration finishedBy(Registration r, CeremonyPurpose... accepted) {
            return new Registration(r.tenant(), r.options(), r.response(), r.rawId(), r.parameters(), r.at(),
                    r.trust(), Set.of(accepted));
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
        void passesAContextForTheCustomerBeingEnrolled() {
            Registration r = fixture.registration(UnaryOperator.identity());
            passes(step("ours:bank-context"), withContextFor(r.options().username()));
        }

        private Registration withContextFor(@org.jspecify.annotations.Nullable String subject) {
            Registration r = fixture.registration(UnaryOperator.identity());
            PendingCeremony o = r.options();
            BankContext bank = new BankContext("bank-key", Instant.now(), subject, null, null, null);
            PendingCeremony withContext = new PendingCeremony(o.handle(), o.tenantId(), o.type(), o.purpose(),
                    o.challenge(), o.userHandle(), o.customerId(), o.username(), o.displayName(),
                    o.userVerificationRequired(), o.algorithms(), o.allowCredentials(), o.expiresAt(),
                    o.context().withRisk(bank, null));
            return new Registration(r.tenant(), withContext, r.response(), r.rawId(), r.parameters(), r.at(),
                    r.trust(), r.accepted());
        }
    }

    @Nested
    @DisplayName("Ours: without an enrollment grant, the tenant must allow open enrollment, and the conformance"
            + " routes need the conformance profile")
    class Enrollment {

        @Test
        void rejectsAGrantlessRegistrationWhereEnrollmentIsClosed() {
            Registration r = fixture.registration(StepFixture.tenant(TenantPolicy.defaults(), false),
                    fixture.registrationOptions(true, CeremonyContext.NONE), fixture.registrationInput());
            rejects(step("ours:enrollment"), r, TenancyProblem.ENROLLMENT_NOT_OPEN);
        }

        @Test
        void passesARegistrationWithAGrantWhereEnrollmentIsClosed() {
            Registration r = fixture.registration(StepFixture.tenant(TenantPolicy.defaults(), false),
                    fixture.registrationOptions(true, CeremonyContext.grant(UUID.randomUUID())),
                    fixture.registrationInput());
            passes(step("ours:enrollment"), r);
        }

        @Test
        void rejectsAConformanceRegistrationWhereTheTenantHasNoConformanceProfile() {
            PendingCeremony open = fixture.registrationOptions(true, CeremonyContext.NONE);
            PendingCeremony conformance = new PendingCeremony(open.handle(), open.tenantId(), open.type(),
                    CeremonyPurpose.CONFORMANCE, open.challenge(), open.userHandle(), open.customerId(),
                    open.username(), open.displayName(), open.userVerificationRequired(), open.algorithms(),
                    open.allowCredentials(), open.expiresAt(), open.context());
            Registration r = fixture.registration(StepFixture.tenant(), conformance, fixture.registrationInput());
            rejects(step("ours:enrollment"), r, TenancyProblem.CONFORMANCE_PROFILE_DISABLED);
        }
    }

    @Nested
    @DisplayName("Ours: credential.rawId must be the credentialId in authData")
    class RawId {

        @Test
        void rejectsARawIdThatIsNotTheAttestedCredential() {
            Registration r = fixture.registration(UnaryOperator.identity());
            Registration swapped = new Registration(r.tenant(), r.options(), r.response(), new byte[16],
                    r.parameters(), r.at(), null, r.accepted());
            rejects(step("ours:raw-id"), swapped, CeremonyProblem.CREDENTIAL_ID_MISMATCH);
        }

        @Test
        void passesTheAttestedCredentialId() {
            passes(step("ours:raw-id"), fixture.registration(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("7. Verify that the value of C.type is webauthn.create")
    class Step7 {

        @Test
        void rejectsAGetClientData() {
            rejects(step("7"), fixture.registration(in -> in.withType("webauthn.get")), CeremonyProblem.TYPE_MISMATCH);
        }

        @Test
        void passesACreateClientData() {
            passes(step("7"), fixture.registration(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("8. Verify that the value of C.challenge equals the base64url encoding of options.challenge")
    class Step8 {

        @Test
        void rejectsAnotherChallenge() {
            rejects(step("8"), fixture.registration(in -> in.withChallenge(
                    Base64Url.encode(StepFixture.randomBytes(32)))), CeremonyProblem.CHALLENGE_MISMATCH);
        }
    }

    @Nested
    @DisplayName("9. Verify that the value of C.origin is an origin expected by the Relying Party")
    class Step9 {

        @Test
        void rejectsAnOriginTheTenantDoesNotList() {
            rejects(step("9"), fixture.registration(in -> in.withOrigin("https://evil.example")),
                    CeremonyProblem.ORIGIN_NOT_ALLOWED);
        }

        @Test
        void passesTheTenantsOrigin() {
            passes(step("9"), fixture.registration(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("10. If C.crossOrigin is present and set to true, verify that the Relying Party expects ...")
    class Step10 {

        @Test
        void rejectsACrossOriginIframe() {
            rejects(step("10"), fixture.registrationWithClientData(adding("\"crossOrigin\":true")),
                    CeremonyProblem.ORIGIN_NOT_ALLOWED);
        }

        @Test
        void passesWhenCrossOriginIsFalse() {
            passes(step("10"), fixture.registrationWithClientData(adding("\"crossOrigin\":false")));
        }
    }

    @Nested
    @DisplayName("11. If C.topOrigin is present, verify that the Relying Party expects ...")
    class Step11 {

        @Test
        void rejectsAnyTopOrigin() {
            rejects(step("11"), fixture.registrationWithClientData(adding("\"topOrigin\":\"https://shop.example\"")),
                    CeremonyProblem.ORIGIN_NOT_ALLOWED);
        }
    }

    @Nested
    @DisplayName("Level 2's step 10: C.tokenBinding must not claim a Token Binding")
    class TokenBinding {

        @Test
        void rejectsAClaimedTokenBinding() {
            rejects(step("ours:token-binding"), fixture.registrationWithClientData(
                    adding("\"tokenBinding\":{\"status\":\"present\",\"id\":\"AAAA\"}")),
                    CeremonyProblem.VERIFICATION_FAILED);
        }
    }

    @Nested
    @DisplayName("14. Verify that the rpIdHash in authData is the SHA-256 hash of the RP ID ...")
    class Step14 {

        @Test
        void rejectsAnotherRpId() {
            rejects(step("14"), fixture.registration(in -> in.withRpId("evil.example")),
                    CeremonyProblem.RP_ID_MISMATCH);
        }
    }

    @Nested
    @DisplayName("15. If options.mediation is not set to conditional, verify that the UP bit ... is set")
    class Step15 {

        @Test
        void rejectsARegistrationWithoutUserPresence() {
            rejects(step("15"), fixture.registration(in -> in.withUserPresent(false)),
                    CeremonyProblem.USER_PRESENCE_REQUIRED);
        }
    }

    @Nested
    @DisplayName("16. If the Relying Party requires user verification for this registration, verify ... UV")
    class Step16 {

        @Test
        void rejectsAnUnverifiedUserWhenVerificationIsRequired() {
            rejects(step("16"), fixture.registration(in -> in.withUserVerified(false)),
                    CeremonyProblem.USER_VERIFICATION_REQUIRED);
        }

        @Test
        void passesAnUnverifiedUserWhenVerificationIsNotRequired() {
            Registration r = fixture.registration(StepFixture.tenant(),
                    fixture.registrationOptions(false, CeremonyContext.NONE),
                    fixture.registrationInput().withUserVerified(false));
            passes(step("16"), r);
        }
    }

    @Nested
    @DisplayName("17. If the BE bit of the flags in authData is not set, verify that the BS bit is not set")
    class Step17 {

        @Test
        void rejectsBackedUpWithoutBackupEligible() {
            rejects(step("17"), fixture.registration(in -> in.withBackupState(true)),
                    CeremonyProblem.BACKUP_STATE_INVALID);
        }

        @Test
        void passesASyncedPasskey() {
            passes(step("17"), fixture.registration(in -> in.withBackupEligible(true).withBackupState(true)));
        }
    }

    @Nested
    @DisplayName("20. Verify that the \"alg\" parameter in the credential public key ... matches ... pubKeyCredParams")
    class Step20 {

        @Test
        void rejectsAnAlgorithmThatWasNotOffered() {
            var rsa = new StepFixture(SoftwareAuthenticator.create(KeyType.RS256, Attestation.NONE));
            rejects(step("20"), rsa.registration(UnaryOperator.identity()), CeremonyProblem.ALGORITHM_NOT_ALLOWED);
        }

        @Test
        void passesAnOfferedAlgorithm() {
            Registration r = fixture.registration(UnaryOperator.identity());
            assertThat(r.options().algorithms()).containsExactly(CoseAlgorithm.ES256.coseIdentifier());
            passes(step("20"), r);
        }
    }

    @Nested
    @DisplayName("21. Determine the attestation statement format by performing a USASCII case-sensitive match ...")
    class Step21 {

        @Test
        void rejectsAFormatTheTenantDoesNotAccept() {
            Registration r = withPolicy(fixture.registration(UnaryOperator.identity()),
                    attestationPolicy(Set.of("packed"), true, true, false));
            rejects(step("21"), r, CeremonyProblem.ATTESTATION_FORMAT_NOT_ALLOWED);
        }

        @Test
        void passesAFormatTheTenantAccepts() {
            passes(step("21"), fixture.registration(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("22. Verify that attStmt is a correct attestation statement, conveying a valid attestation signature")
    class Step22 {

        @Test
        void rejectsAPackedSelfAttestationOverOtherClientData() {
            var packed = new StepFixture(SoftwareAuthenticator.create(KeyType.ES256, Attestation.PACKED_SELF));
            rejects(step("22"), packed.registrationWithClientData(adding("\"extra\":1")),
                    CeremonyProblem.SIGNATURE_INVALID);
        }

        @Test
        void passesAPackedSelfAttestation() {
            var packed = new StepFixture(SoftwareAuthenticator.create(KeyType.ES256, Attestation.PACKED_SELF));
            passes(step("22"), packed.registration(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("23. Assess the attestation trustworthiness using the outputs of the verification procedure ...")
    class Step23 {

        @Test
        void rejectsNoneAttestationWhereTheTenantRequiresOne() {
            Registration r = withPolicy(fixture.registration(UnaryOperator.identity()),
                    attestationPolicy(TenantPolicy.SUPPORTED_FORMATS, false, true, false));
            rejects(step("ours:attestation-policy"), step("23").verify(r), CeremonyProblem.ATTESTATION_NONE_NOT_ALLOWED);
        }

        @Test
        void rejectsSelfAttestationWhereTheTenantDoesNotAcceptIt() {
            var packed = new StepFixture(SoftwareAuthenticator.create(KeyType.ES256, Attestation.PACKED_SELF));
            Registration r = packed.registration(StepFixture.tenant(
                    attestationPolicy(TenantPolicy.SUPPORTED_FORMATS, true, false, false), true),
                    packed.registrationOptions(true, CeremonyContext.NONE), packed.registrationInput());
            var steps = packed.registrationSteps().steps();
            rejects(steps.step("ours:attestation-policy"), steps.step("23").verify(r),
                    CeremonyProblem.ATTESTATION_SELF_NOT_ALLOWED);
        }

        @Test
        void aChainToNoAnchorIsUntrustedAndRefusedWhereTrustIsRequired() {
            var full = new StepFixture(SoftwareAuthenticator.create(KeyType.ES256, AttestationCa.generate("Step 23 CA")));
            Registration lenient = full.registration(UnaryOperator.identity());
            assertThat(full.registrationSteps().steps().step("23").verify(lenient).trust())
                    .isEqualTo(AttestationTrust.UNTRUSTED);
            Registration strict = full.registration(StepFixture.tenant(
                    attestationPolicy(TenantPolicy.SUPPORTED_FORMATS, true, true, true), true),
                    full.registrationOptions(true, CeremonyContext.NONE), full.registrationInput());
            var steps = full.registrationSteps().steps();
            rejects(steps.step("ours:attestation-policy"), steps.step("23").verify(strict),
                    CeremonyProblem.ATTESTATION_UNTRUSTED);
        }

        @Test
        void aChainToATrustAnchorIsTrusted() {
            AttestationCa ca = AttestationCa.generate("Step 23 CA");
            var full = new StepFixture(SoftwareAuthenticator.create(KeyType.ES256, ca));
            Registration r = full.registration(UnaryOperator.identity());
            var anchored = full.registrationSteps(new TrustAnchors(Set.of(ca.root())));
            assertThat(anchored.steps().step("23").verify(r).trust()).isEqualTo(AttestationTrust.TRUSTED);
        }

        @Test
        void aRootBoundToAnotherAaguidDoesNotAnchorThisModel() {
            AttestationCa ca = AttestationCa.generate("Step 23 CA");
            var full = new StepFixture(SoftwareAuthenticator.create(KeyType.ES256, ca));
            Registration r = full.registration(UnaryOperator.identity());
            var elsewhere = full.registrationSteps(new TrustAnchors(Set.of(), Map.of(UUID.randomUUID(), Set.of(ca.root()))));
            var bound = full.registrationSteps(new TrustAnchors(Set.of(), Map.of(ca.aaguid(), Set.of(ca.root()))));
            assertThat(elsewhere.steps().step("23").verify(r).trust()).isEqualTo(AttestationTrust.UNTRUSTED);
            assertThat(bound.steps().step("23").verify(r).trust()).isEqualTo(AttestationTrust.TRUSTED);
        }

        @Test
        void aLeafCertifyingTheCredentialKeyIsSelfAttestationEvenUnderAnAnchor() throws Exception {
            var full = new StepFixture(SoftwareAuthenticator.create(KeyType.ES256, AttestationCa.generate("Step 23 CA")));
            Registration r = full.registration(UnaryOperator.identity());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair ca = generator.generateKeyPair();
            X500Name caName = new X500Name("CN=Anchored CA");
            X509Certificate root = certificate(caName, caName, ca.getPublic(), ca);
            X509Certificate leaf = certificate(caName, new X500Name("CN=Credential key"),
                    r.credentialData().getCOSEKey().getPublicKey(), ca);
            var packed = (PackedAttestationStatement) r.attestationObject().getAttestationStatement();
            var selfMade = new AttestationObject(r.attestationObject().getAuthenticatorData(),
                    new PackedAttestationStatement(packed.getAlg(), packed.getSig(),
                            new AttestationCertificatePath(List.of(leaf))));

            assertThat(new AttestationPolicy(new TrustAnchors(Set.of(root))).assess(selfMade, r.at()))
                    .isEqualTo(AttestationTrust.SELF);
        }

        private static X509Certificate certificate(X500Name issuer, X500Name subject, PublicKey key, KeyPair signer)
                throws Exception {
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), subject, key);
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        }

        @Test
        void aSelfSignedLeafIsSelfAttestationEvenWhenItIsAnAnchor() {
            var full = new StepFixture(SoftwareAuthenticator.create(KeyType.ES256, AttestationCa.generate("Step 23 CA")));
            Registration r = full.registration(UnaryOperator.identity());
            X509Certificate selfSigned = AttestationCa.generate("Self-made").root();
            var packed = (PackedAttestationStatement) r.attestationObject().getAttestationStatement();
            var selfMade = new AttestationObject(r.attestationObject().getAuthenticatorData(),
                    new PackedAttestationStatement(packed.getAlg(), packed.getSig(),
                            new AttestationCertificatePath(List.of(selfSigned))));
            var policy = new AttestationPolicy(new TrustAnchors(Set.of(selfSigned)));

            AttestationTrust trust = policy.assess(selfMade, r.at());
            assertThat(trust).isEqualTo(AttestationTrust.SELF);
            AttestationPolicy.requireAllowed(attestationPolicy(TenantPolicy.SUPPORTED_FORMATS, true, true, false), trust);
            assertThatThrownBy(() -> AttestationPolicy.requireAllowed(attestationPolicy(TenantPolicy.SUPPORTED_FORMATS,
                    true, false, false), trust)).isInstanceOfSatisfying(ApiException.class,
                            e -> assertCode(e.problem(), CeremonyProblem.ATTESTATION_SELF_NOT_ALLOWED));
        }
    }

    @Nested
    @DisplayName("ours:aaguid. The authenticator model is on none of the tenant's aaguidDeny and, when the tenant"
            + " has an aaguidAllow list, on it")
    class AaguidStep {

        /** The fixture's authenticator attests none: the zero AAGUID. */
        private static final UUID MODEL = new UUID(0, 0);

        private Registration under(@Nullable Set<UUID> allow, Set<UUID> deny) {
            Registration r = fixture.registration(UnaryOperator.identity());
            Tenant tenant = r.tenant().withPolicy(r.tenant().policy(), r.tenant().sessions(), r.tenant().signing(),
                    new PolicyRules(allow, deny, Map.of(), Set.of(), Set.of(), "aal2", Map.of(), RiskPolicy.defaults()));
            return new Registration(tenant, r.options(), r.response(), r.rawId(), r.parameters(), r.at(), null,
                    r.accepted());
        }

        @Test
        void rejectsAModelOnTheDenyList() {
            rejects(step("ours:aaguid"), under(null, Set.of(MODEL)), CeremonyProblem.AUTHENTICATOR_DENIED);
        }

        @Test
        void rejectsAModelMissingFromTheAllowList() {
            rejects(step("ours:aaguid"), under(Set.of(UUID.randomUUID()), Set.of()),
                    CeremonyProblem.AUTHENTICATOR_NOT_ALLOWED);
        }

        @Test
        void theDenyListWinsOverTheAllowList() {
            rejects(step("ours:aaguid"), under(Set.of(MODEL), Set.of(MODEL)), CeremonyProblem.AUTHENTICATOR_DENIED);
        }

        @Test
        void handsTheRefusalOnWithTheAttestationAsStep23AssessedIt() {
            List<Registration> established = new ArrayList<>();
            assertThatThrownBy(() -> fixture.registrationSteps().verify(under(null, Set.of(MODEL)),
                    (at, refusal) -> established.add(at))).isInstanceOf(ApiException.class);
            assertThat(established).singleElement().extracting(Registration::trust).isEqualTo(AttestationTrust.NONE);
        }

        @Test
        void passesAModelOnTheAllowListAndAnyModelWithoutOne() {
            passes(step("ours:aaguid"), under(Set.of(MODEL), Set.of()));
            passes(step("ours:aaguid"), under(null, Set.of(UUID.randomUUID())));
        }
    }

    @Nested
    @DisplayName("ours:mds-status. The authenticator model's FIDO MDS3 status reports name none of the tenant's statusDeny")
    class ModelStatusStep {

        private final AttestationCa ca = AttestationCa.generate("Status CA");
        private final StepFixture full = new StepFixture(SoftwareAuthenticator.create(KeyType.ES256, ca));

        private ModelStatus reporting(String status) {
            MetadataEntry entry = new MetadataEntry(List.of(ca.root()), Set.of("FIDO_CERTIFIED", status));
            return new ModelStatus(new AuthenticatorMetadata() {
                @Override
                public Optional<MetadataEntry> findByAaguid(UUID aaguid) {
                    return aaguid.equals(ca.aaguid()) ? Optional.of(entry) : Optional.empty();
                }

                @Override
                public Optional<MetadataEntry> findByAttestationCertificateKeyIdentifier(String keyIdentifier) {
                    return Optional.empty();
                }
            });
        }

        @Test
        void refusesAModelReportedWithAStatusOfTheDenyList() {
            Registration r = full.registration(UnaryOperator.identity());
            assertThatThrownBy(() -> reporting("ATTESTATION_KEY_COMPROMISE").requireNotDenied(
                    TenantPolicy.defaults(), r.attestationObject())).isInstanceOfSatisfying(ApiException.class,
                            e -> assertCode(e.problem(), CeremonyProblem.AUTHENTICATOR_STATUS_DENIED));
        }

        @Test
        void passesAModelWhoseStatusesTheTenantDoesNotDeny() {
            Registration r = full.registration(UnaryOperator.identity());
            reporting("UPDATE_AVAILABLE").requireNotDenied(TenantPolicy.defaults(), r.attestationObject());
            reporting("REVOKED").requireNotDenied(TenantPolicy.defaults().withStatusDeny(Set.of()),
                    r.attestationObject());
        }

        @Test
        void passesEveryModelWhileNoBlobIsInForce() {
            Registration r = full.registration(UnaryOperator.identity());
            StepFixture.NO_METADATA.requireNotDenied(TenantPolicy.defaults(), r.attestationObject());
        }
    }

    @Nested
    @DisplayName("24. Verify that the credentialId is ≤ 1023 bytes")
    class Step24 {

        @Test
        void rejectsALongerCredentialId() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            var longId = new StepFixture(SoftwareAuthenticator.restore(generator.generateKeyPair(),
                    StepFixture.randomBytes(RegistrationSteps.MAX_CREDENTIAL_ID_BYTES + 1), new byte[16]));
            rejects(step("24"), longId.registration(UnaryOperator.identity()), CeremonyProblem.VERIFICATION_FAILED);
        }

        @Test
        void passesAnOrdinaryCredentialId() {
            passes(step("24"), fixture.registration(UnaryOperator.identity()));
        }
    }

    @Nested
    @DisplayName("25. Verify that the credentialId is not yet registered for any user")
    class Step25 {

        @Test
        void rejectsACredentialIdThatIsRegisteredAlready() {
            fixture.registered.add(fixture.authenticator.credentialIdBase64Url());
            rejects(step("25"), fixture.registration(UnaryOperator.identity()),
                    CeremonyProblem.CREDENTIAL_ALREADY_REGISTERED);
        }

        @Test
        void passesANewCredentialId() {
            passes(step("25"), fixture.registration(UnaryOperator.identity()));
        }
    }
}
