package io.biometriccore.ceremonies.internal;

import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.metadata.MetadataEntry;
import java.util.Optional;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.WebAuthnAuthenticationManager;
import com.webauthn4j.converter.util.ObjectConverter;
import io.biometriccore.ceremonies.AuthenticationResponse;
import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.ceremonies.RegistrationResponse;
import io.biometriccore.ceremonies.WebAuthnJson;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.credentials.Credential;
import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.identity.Customer;
import io.biometriccore.identity.UserHandle;
import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.tenancy.DecisionFacts;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.ProblemCode;
import io.biometriccore.tenancy.CoseAlgorithm;
import io.biometriccore.tenancy.RetentionPolicy;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.RegistrationInput;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real responses from the testkit's software authenticator, parsed by the production parsers, for
 * running one ceremony step at a time without Spring. Each test gets a fresh fixture.
 */
final class StepFixture {

    /** No MDS3 BLOB in force: every model is unknown to metadata. */
    static final AuthenticatorMetadata NO_METADATA_SOURCE = new AuthenticatorMetadata() {
        @Override
        public Optional<MetadataEntry> findByAaguid(UUID aaguid) {
            return Optional.empty();
        }

        @Override
        public Optional<MetadataEntry> findByAttestationCertificateKeyIdentifier(String keyIdentifier) {
            return Optional.empty();
        }
    };
    static final ModelStatus NO_METADATA = new ModelStatus(NO_METADATA_SOURCE);


    static final String RP_ID = "bank.example";
    static final String ORIGIN = "https://bank.example";
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final SoftwareAuthenticator authenticator;
    final Customer user = new Customer(UUID.randomUUID(), "bank", UserHandle.generate(), "alice", "Alice", null, NOW);
    final String challenge = Base64Url.encode(randomBytes(32));
    /** Credentials step 22 reported as suspected clones. */
    final List<Credential> suspectedClones = new ArrayList<>();
    /** What the risk engine answers; allow unless a test says otherwise. */
    Function<AssertionSteps.Assertion, RiskAssessment> risk = StepFixture::allowed;
    /** Credential ids step 25 finds registered already. */
    final Set<String> registered = new java.util.HashSet<>();

    StepFixture() {
        this(SoftwareAuthenticator.create(SoftwareAuthenticator.KeyType.ES256,
                SoftwareAuthenticator.Attestation.NONE));
    }

    StepFixture(SoftwareAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    static Tenant tenant(TenantPolicy policy, boolean openEnrollment) {
        return new Tenant("bank", RP_ID, "Bank", List.of(ORIGIN), openEnrollment, false, policy, SessionPolicy.defaults(),
                RetentionPolicy.defaults());
    }

    /** The defaults, but accepting none and self attestation, as the authenticator here attests so. */
    static Tenant tenant() {
        return tenant(lenientPolicy(), true);
    }

    static TenantPolicy lenientPolicy() {
        TenantPolicy d = TenantPolicy.defaults();
        return new TenantPolicy(d.userVerification(), d.residentKey(), d.attestation(), d.acceptedAttestationFormats(),
                true, true, false, d.allowedAlgorithms(), d.challengeTimeout());
    }

    // §7.1

    RegistrationInput registrationInput() {
        return RegistrationInput.of(challenge, ORIGIN, RP_ID).withUserHandle(user.userHandle().value());
    }

    PendingCeremony registrationOptions(boolean userVerificationRequired, CeremonyContext context) {
        CeremonyPurpose purpose = context.grantId() == null
                ? CeremonyPurpose.OPEN_ENROLLMENT : CeremonyPurpose.GRANT_ENROLLMENT;
        return new PendingCeremony("handle", "bank", CeremonyType.REGISTRATION, purpose, challenge,
                user.userHandle().base64Url(), null, user.username(), user.displayName(), userVerificationRequired,
                List.of(CoseAlgorithm.ES256.coseIdentifier()), List.of(), NOW.plusSeconds(300), context);
    }

    RegistrationResponse registrationResponse(RegistrationInput in) {
        return JSON.readValue(authenticator.register(in), WebAuthnJson.RegistrationResponseJSON.class).decode();
    }

    RegistrationVerifier registrationVerifier(TrustAnchors anchors) {
        var steps = new RegistrationSteps(WebAuthnConfiguration.statementVerifiers(), new AttestationPolicy(anchors),
                NO_METADATA, (tenantId, credentialId) -> registered.contains(Base64Url.encode(credentialId)));
        return new RegistrationVerifier(new WebAuthnConfiguration().webAuthnRegistrationManager(CONVERTER), CONVERTER,
                new ServerProperties(), steps, Clock.fixed(NOW, ZoneOffset.UTC), NO_METADATA_SOURCE);
    }

    RegistrationSteps.Registration registration(Tenant tenant, PendingCeremony options, RegistrationInput in) {
        RegistrationVerifier verifier = registrationVerifier(new TrustAnchors(Set.of()));
        RegistrationResponse response = registrationResponse(in);
        return verifier.registration(tenant, options, verifier.parse(response), response.rawId(),
                Set.of(options.purpose()));
    }

    /**
     * A registration whose clientDataJSON {@code edit} rewrote after the authenticator answered, for
     * the steps that read C alone (a none attestation signs nothing).
     */
    RegistrationSteps.Registration registrationWithClientData(UnaryOperator<String> edit) {
        RegistrationVerifier verifier = registrationVerifier(new TrustAnchors(Set.of()));
        RegistrationResponse real = registrationResponse(registrationInput());
        RegistrationResponse edited = new RegistrationResponse(real.rawId(), edit(real.clientDataJSON(), edit),
                real.attestationObject(), real.transports(), real.clientExtensionsJSON());
        return verifier.registration(tenant(), registrationOptions(true, CeremonyContext.NONE), verifier.parse(edited),
                edited.rawId(), Set.of(CeremonyPurpose.OPEN_ENROLLMENT));
    }

    RegistrationSteps.Registration registration(UnaryOperator<RegistrationInput> tweak) {
        return registration(tenant(), registrationOptions(true, CeremonyContext.NONE), tweak.apply(registrationInput()));
    }

    RegistrationSteps registrationSteps() {
        return registrationSteps(new TrustAnchors(Set.of()));
    }

    RegistrationSteps registrationSteps(TrustAnchors anchors) {
        return new RegistrationSteps(WebAuthnConfiguration.statementVerifiers(), new AttestationPolicy(anchors),
                NO_METADATA, (tenantId, credentialId) -> registered.contains(Base64Url.encode(credentialId)));
    }

    // §7.2

    /** The credential record of this fixture's authenticator, registered with these BE and BS flags. */
    Credential credentialRecord(long signCount, boolean backupEligible, boolean backupState) {
        var registration = registration(in -> in.withBackupEligible(backupEligible).withBackupState(backupState));
        var data = registration.credentialData();
        return new Credential("bank", data.getCredentialId(), user.id(), UUID.randomUUID(),
                CONVERTER.getCborConverter().writeValueAsBytes(data.getCOSEKey()),
                data.getCOSEKey().getAlgorithm().getValue(), signCount, data.getAaguid().getValue(), Set.of(), true,
                backupEligible, backupState, "none", AttestationTrust.NONE, CredentialStatus.ACTIVE, NOW);
    }

    AuthenticationInput authenticationInput() {
        return AuthenticationInput.of(challenge, ORIGIN, RP_ID);
    }

    /** Username-first options naming {@link #user} and allowing {@code allow}, or usernameless ones. */
    PendingCeremony authenticationOptions(boolean usernameFirst, boolean userVerificationRequired,
            List<String> allow) {
        return new PendingCeremony("handle", "bank", CeremonyType.AUTHENTICATION, CeremonyPurpose.SIGN_IN, challenge,
                usernameFirst ? user.userHandle().base64Url() : null, usernameFirst ? user.id() : null,
                usernameFirst ? user.username() : null, null, userVerificationRequired, List.of(), allow,
                NOW.plusSeconds(300), CeremonyContext.NONE);
    }

    AssertionSteps assertionSteps() {
        return new AssertionSteps(suspectedClones::add, a -> risk.apply(a));
    }

    /** The risk engine's allow, with nothing found. */
    static RiskAssessment allowed(AssertionSteps.Assertion a) {
        Credential c = a.credentialRecord();
        RiskAttempt attempt = new RiskAttempt(a.options().tenantId(), RiskAction.SIGN_IN, NOW, a.user().id(), c,
                DecisionFacts.of(c.aaguid(), c.attestationFormat(), "none", true, false, false, true, Set.of()), 0,
                null, null, Place.UNKNOWN, null, null, CustomerHistory.NONE);
        return new RiskAssessment(attempt, RiskOutcome.ALLOW, 0, "aal2", List.of());
    }

    AuthenticationVerifier authenticationVerifier() {
        return new AuthenticationVerifier(new WebAuthnAuthenticationManager(List.of(), CONVERTER), CONVERTER,
                new ServerProperties(), assertionSteps(), NO_METADATA_SOURCE);
    }

    AssertionSteps.Assertion assertion(PendingCeremony options, Credential record, Customer owner,
            AuthenticationInput in) {
        var verifier = authenticationVerifier();
        String json = authenticator.authenticate(in);
        var response = JSON.readValue(json, WebAuthnJson.AuthenticationResponseJSON.class).decode();
        return verifier.assertion(tenant(), options, verifier.parse(response), record, owner,
                new ClientContext("JUnit", "192.0.2.1"), Set.of(options.purpose()));
    }

    /** A valid assertion whose clientDataJSON {@code edit} then rewrote, so its signature no longer covers it. */
    AssertionSteps.Assertion assertionWithClientData(UnaryOperator<String> edit) {
        Credential record = credentialRecord(0, false, false);
        var verifier = authenticationVerifier();
        var real = JSON.readValue(authenticator.authenticate(authenticationInput()),
                WebAuthnJson.AuthenticationResponseJSON.class).decode();
        var edited = new AuthenticationResponse(real.rawId(), edit(real.clientDataJSON(), edit),
                real.authenticatorData(), real.signature(), real.userHandle(), real.clientExtensionsJSON());
        return verifier.assertion(tenant(), authenticationOptions(true, true, List.of()), verifier.parse(edited),
                record, user, new ClientContext("JUnit", "192.0.2.1"), Set.of(CeremonyPurpose.SIGN_IN));
    }

    private static byte[] edit(byte[] clientDataJSON, UnaryOperator<String> edit) {
        return edit.apply(new String(clientDataJSON, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** Adds {@code member} (e.g. {@code "crossOrigin":true}) to a clientDataJSON object. */
    static UnaryOperator<String> adding(String member) {
        return json -> json.substring(0, json.lastIndexOf('}')) + "," + member + "}";
    }

    /** A username-first assertion by {@link #user}'s registered credential, adjusted by {@code tweak}. */
    AssertionSteps.Assertion assertion(UnaryOperator<AuthenticationInput> tweak) {
        Credential record = credentialRecord(0, false, false);
        return assertion(authenticationOptions(true, true, List.of(Base64Url.encode(record.credentialId()))), record,
                user, tweak.apply(authenticationInput()));
    }

    static <C> void passes(Step<C> step, C ceremony) {
        assertThat(step.verify(ceremony)).isNotNull();
    }

    static <C> void rejects(Step<C> step, C ceremony, ProblemCode expected) {
        assertThatThrownBy(() -> step.verify(ceremony)).isInstanceOfSatisfying(ApiException.class,
                e -> assertCode(e.problem(), expected));
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
