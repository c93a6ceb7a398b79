package io.biometriccore.ceremonies.internal;

import static io.biometriccore.ceremonies.internal.ResponseParsing.parsing;

import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.verifier.exception.ConstraintViolationException;
import com.webauthn4j.verifier.internal.BeanAssertUtil;
import io.biometriccore.ceremonies.internal.RegistrationSteps.Registration;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.RegistrationResponse;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.credentials.KeyProtection;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.metadata.MetadataEntry;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Parses a registration response (§7.1 steps 5–6, 12–13, strictly) and runs {@link RegistrationSteps}
 * on it, with the tenant as the relying party. It has no side effects.
 */
@Component
public class RegistrationVerifier {

    private final WebAuthnRegistrationManager manager;
    private final ObjectConverter converter;
    private final ServerProperties serverProperties;
    private final RegistrationSteps steps;
    private final Clock clock;
    private final ModelStatus models;

    RegistrationVerifier(WebAuthnRegistrationManager manager, ObjectConverter converter,
            ServerProperties serverProperties, RegistrationSteps steps, Clock clock, AuthenticatorMetadata metadata) {
        this.manager = manager;
        this.converter = converter;
        this.serverProperties = serverProperties;
        this.steps = steps;
        this.clock = clock;
        this.models = new ModelStatus(metadata);
    }

    /**
     * The parts of a verified registration the server keeps.
     *
     * @param keyProtection  what the model's metadata statement says of its keys, when a statement is in
     *                       force and the attestation is trusted; else {@link KeyProtection#UNKNOWN} (ADR 0042)
     * @param attachmentHint the statement's attachmentHint values on the same terms; else empty
     */
    public record VerifiedRegistration(byte[] credentialId, byte[] publicKeyCose, long algorithm, long signCount,
            UUID aaguid, boolean userVerified, boolean backupEligible, boolean backupState, String format,
            AttestationTrust trust, KeyProtection keyProtection, Set<String> attachmentHint) {
    }

    /** Parses the response without verifying it; the challenge is needed to find the pending ceremony. */
    public RegistrationData parse(RegistrationResponse response) {
        requireKnownFormat(response.attestationObject());
        RegistrationRequest request = new RegistrationRequest(response.attestationObject(), response.clientDataJSON(),
                response.clientExtensionsJSON(), response.transports());
        RegistrationData data = parsing("The registration response", () -> manager.parse(request));
        WebAuthnRejections.verifying(() -> {
            BeanAssertUtil.validate(data);
            if (data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData() == null) {
                throw new ConstraintViolationException("attestedCredentialData must not be null on registration");
            }
        });
        return data;
    }

    /**
     * Runs §7.1's steps. A refusal made once step 23 has assessed the attestation (the tenant's policy on the
     * attestation, the AAGUID lists, the MDS3 statuses) is first handed to {@code refusedAfterAssessment}
     * with what the steps had established; one made before it (user verification, the format) is not,
     * since the attestation's trust, which the policy's rules ask, is not known yet.
     */
    public VerifiedRegistration verify(Tenant tenant, PendingCeremony pending, RegistrationData data, byte[] rawId,
            Set<CeremonyPurpose> accepted, BiConsumer<VerifiedRegistration, ApiException> refusedAfterAssessment) {
        return established(steps.verify(registration(tenant, pending, data, rawId, accepted), (at, refusal) -> {
            if (at.trust() != null) {
                refusedAfterAssessment.accept(established(at), refusal);
            }
        }));
    }

    private VerifiedRegistration established(Registration r) {
        AttestationTrust trust = Objects.requireNonNull(r.trust(), "trust");
        Optional<MetadataEntry> statement = trust == AttestationTrust.TRUSTED
                ? models.entry(r.attestationObject()) : Optional.empty();
        return toVerified(r.authenticatorData(), r.attestationObject().getFormat(), trust, statement);
    }

    Registration registration(Tenant tenant, PendingCeremony pending, RegistrationData data, byte[] rawId,
            Set<CeremonyPurpose> accepted) {
        RegistrationParameters parameters = new RegistrationParameters(
                serverProperties.forTenant(tenant, new DefaultChallenge(pending.challengeBytes())),
                offered(pending.algorithms()), pending.userVerificationRequired(), true);
        return new Registration(tenant, pending, data, rawId, parameters, clock.instant(), null, accepted);
    }

    /**
     * The first half of §7.1 step 21, while decoding (step 13): the format must be one we can verify,
     * and {@code none} must have an empty statement.
     */
    private void requireKnownFormat(byte[] attestationObject) {
        JsonNode root = parsing("The attestationObject", () -> converter.getCborConverter().readTree(attestationObject));
        String format = root.path("fmt").asString("");
        if (!TenantPolicy.SUPPORTED_FORMATS.contains(format)) {
            throw new ApiException(CeremonyProblem.ATTESTATION_FORMAT_UNSUPPORTED,
                    "Attestation format '" + format + "' is not supported");
        }
        if ("none".equals(format) && !root.path("attStmt").isEmpty()) {
            throw new ApiException(CeremonyProblem.ATTESTATION_INVALID, "A 'none' attestation must have an empty attStmt");
        }
    }

    private static List<PublicKeyCredentialParameters> offered(List<Long> algorithms) {
        return algorithms.stream()
                .map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                        COSEAlgorithmIdentifier.create(alg)))
                .toList();
    }

    /**
     * @param statement the model's metadata, only where the attestation proved the model: an untrusted or
     *                  self-made chain could claim any AAGUID, so its statement says nothing of this key
     */
    private VerifiedRegistration toVerified(AuthenticatorData<?> authenticatorData, String format,
            AttestationTrust trust, Optional<MetadataEntry> statement) {
        AttestedCredentialData credentialData = authenticatorData.getAttestedCredentialData();
        var coseKey = credentialData.getCOSEKey();
        return new VerifiedRegistration(credentialData.getCredentialId(),
                converter.getCborConverter().writeValueAsBytes(coseKey), coseKey.getAlgorithm().getValue(),
                authenticatorData.getSignCount(), credentialData.getAaguid().getValue(), authenticatorData.isFlagUV(),
                authenticatorData.isFlagBE(), authenticatorData.isFlagBS(), format, trust,
                statement.map(e -> KeyProtection.of(e.keyProtection())).orElse(KeyProtection.UNKNOWN),
                statement.map(MetadataEntry::attachmentHint).orElse(Set.of()));
    }
}
