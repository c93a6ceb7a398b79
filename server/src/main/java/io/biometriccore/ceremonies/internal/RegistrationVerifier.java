package io.biometriccore.ceremonies.internal;

import static io.biometriccore.ceremonies.internal.ResponseParsing.parsing;
import static io.biometriccore.ceremonies.internal.WebAuthnRejections.verifying;

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
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.ceremonies.RegistrationResponse;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Verifies a registration response: WebAuthn L3 §7.1 "Registering a New Credential". Steps 5–21
 * (client data type, challenge, origin, rpIdHash, UP, UV, algorithm, attestation statement) are
 * webauthn4j's; the steps here add strict format handling, the BE/BS rule, the credential id
 * binding and the tenant's attestation policy. It has no side effects.
 */
@Component
public class RegistrationVerifier {

    private final WebAuthnRegistrationManager manager;
    private final ObjectConverter converter;
    private final AttestationPolicy attestationPolicy;
    private final ServerProperties serverProperties;

    RegistrationVerifier(WebAuthnRegistrationManager manager, ObjectConverter converter,
            AttestationPolicy attestationPolicy, ServerProperties serverProperties) {
        this.manager = manager;
        this.converter = converter;
        this.attestationPolicy = attestationPolicy;
        this.serverProperties = serverProperties;
    }

    /** The parts of a verified registration the server keeps. */
    public record VerifiedRegistration(byte[] credentialId, byte[] publicKeyCose, long algorithm, long signCount,
            UUID aaguid, boolean userVerified, boolean backupEligible, boolean backupState, String format,
            AttestationTrust trust) {
    }

    /** Parses the response without verifying it; the challenge is needed to find the pending ceremony. */
    public RegistrationData parse(RegistrationResponse response) {
        requireKnownFormat(response.attestationObject());
        RegistrationRequest request = new RegistrationRequest(response.attestationObject(), response.clientDataJSON(),
                response.clientExtensionsJSON(), response.transports());
        RegistrationData data = parsing("The registration response", () -> manager.parse(request));
        requireCredentialIdBinding(response.rawId(), data);
        return data;
    }

    public VerifiedRegistration verify(Tenant tenant, PendingCeremony pending, RegistrationData data) {
        RegistrationParameters parameters = new RegistrationParameters(
                serverProperties.forTenant(tenant, new DefaultChallenge(pending.challengeBytes())),
                offered(pending.algorithms()), pending.userVerificationRequired(), true);
        verifying(() -> manager.verify(data, parameters));
        AuthenticatorData<?> authenticatorData = data.getAttestationObject().getAuthenticatorData();
        requireBackupStateConsistent(authenticatorData.isFlagBE(), authenticatorData.isFlagBS());
        AttestationTrust trust = attestationPolicy.evaluate(tenant.policy(), data.getAttestationObject());
        return toVerified(authenticatorData, data.getAttestationObject().getFormat(), trust);
    }

    /** §7.1 step 19: the format must be one we can verify, and {@code none} must have an empty statement. */
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

    private static void requireCredentialIdBinding(byte[] rawId, RegistrationData data) {
        AttestedCredentialData credentialData =
                data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        if (credentialData == null || !MessageDigest.isEqual(rawId, credentialData.getCredentialId())) {
            throw new ApiException(CeremonyProblem.CREDENTIAL_ID_MISMATCH);
        }
    }

    /** §6.1 flags: a credential that is backed up (BS) must be backup eligible (BE). */
    static void requireBackupStateConsistent(boolean backupEligible, boolean backupState) {
        if (backupState && !backupEligible) {
            throw new ApiException(CeremonyProblem.BACKUP_STATE_INVALID);
        }
    }

    private static List<PublicKeyCredentialParameters> offered(List<Long> algorithms) {
        return algorithms.stream()
                .map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                        COSEAlgorithmIdentifier.create(alg)))
                .toList();
    }

    private VerifiedRegistration toVerified(AuthenticatorData<?> authenticatorData, String format,
            AttestationTrust trust) {
        AttestedCredentialData credentialData = authenticatorData.getAttestedCredentialData();
        var coseKey = credentialData.getCOSEKey();
        return new VerifiedRegistration(credentialData.getCredentialId(),
                converter.getCborConverter().writeValueAsBytes(coseKey), coseKey.getAlgorithm().getValue(),
                authenticatorData.getSignCount(), credentialData.getAaguid().getValue(), authenticatorData.isFlagUV(),
                authenticatorData.isFlagBE(), authenticatorData.isFlagBS(), format, trust);
    }
}
