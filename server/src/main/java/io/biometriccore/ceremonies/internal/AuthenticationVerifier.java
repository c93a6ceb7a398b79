package io.biometriccore.ceremonies.internal;

import static io.biometriccore.ceremonies.internal.ResponseParsing.parsing;

import com.webauthn4j.WebAuthnAuthenticationManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.verifier.exception.ConstraintViolationException;
import com.webauthn4j.verifier.internal.BeanAssertUtil;
import io.biometriccore.ceremonies.AuthenticationResponse;
import io.biometriccore.ceremonies.AuthenticatorFlags;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.credentials.Credential;
import io.biometriccore.identity.Customer;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.PolicyAction;
import io.biometriccore.tenancy.Tenant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Parses an assertion (§7.2 steps 7–9) and runs {@link AssertionSteps} on it, with the tenant as the
 * relying party.
 */
@Component
public class AuthenticationVerifier {

    private final WebAuthnAuthenticationManager manager;
    private final ObjectConverter converter;
    private final ServerProperties serverProperties;
    private final AssertionSteps steps;
    private final ModelStatus modelStatus;

    AuthenticationVerifier(WebAuthnAuthenticationManager manager, ObjectConverter converter,
            ServerProperties serverProperties, AssertionSteps steps, AuthenticatorMetadata metadata) {
        this.manager = manager;
        this.converter = converter;
        this.serverProperties = serverProperties;
        this.steps = steps;
        this.modelStatus = new ModelStatus(metadata);
    }

    /** §7.2 steps 7–9: cData, authData and sig, and C parsed from them; an assertion carries no credential data. */
    public AuthenticationData parse(AuthenticationResponse r) {
        AuthenticationRequest request = new AuthenticationRequest(r.rawId(), r.userHandle(), r.authenticatorData(),
                r.clientDataJSON(), r.clientExtensionsJSON(), r.signature());
        AuthenticationData data = parsing("The authentication response", () -> manager.parse(request));
        WebAuthnRejections.verifying(() -> {
            BeanAssertUtil.validate(data);
            if (data.getAuthenticatorData().getAttestedCredentialData() != null) {
                throw new ConstraintViolationException("attestedCredentialData must be null on authentication");
            }
        });
        return data;
    }

    /**
     * §7.2's steps, then the tenant's policy for the action the ceremony was started for: a credential
     * registered without trusted attestation is refused where {@code trustedAttestationRequired} asks for
     * it ({@code attestation_untrusted}), and one whose model MDS3 now reports with a status of
     * {@code statusDeny} where {@code statusDenyAppliesTo} names the action ({@code authenticator_status_denied}).
     *
     * @return the flags of the verified assertion and the risk engine's assessment of it
     */
    public Verified verify(Tenant tenant, PendingCeremony pending, AuthenticationData data,
            Credential stored, Customer owner, ClientContext client, Set<CeremonyPurpose> accepted) {
        AssertionSteps.Assertion verified = steps.verify(assertion(tenant, pending, data, stored, owner, client,
                accepted));
        PolicyAction action = pending.purpose().action();
        if (tenant.rules().requiresTrustedAttestation(action) && stored.attestationTrust() != AttestationTrust.TRUSTED) {
            throw new ApiException(CeremonyProblem.ATTESTATION_UNTRUSTED,
                    "The tenant's policy needs a credential with trusted attestation for this action");
        }
        if (tenant.rules().appliesStatusDeny(action)) {
            modelStatus.requireNotDenied(tenant.policy(), stored.aaguid());
        }
        return new Verified(verified.flags(), Objects.requireNonNull(verified.risk(), "risk"));
    }

    /** An assertion that passed every step: its flags, and what the risk engine made of it. */
    public record Verified(AuthenticatorFlags flags, RiskAssessment risk) {
    }

    AssertionSteps.Assertion assertion(Tenant tenant, PendingCeremony pending, AuthenticationData data,
            Credential stored, Customer owner, ClientContext client, Set<CeremonyPurpose> accepted) {
        DefaultChallenge challenge = new DefaultChallenge(pending.challengeBytes());
        String spcOrigin = pending.context().spcOrigin();
        AuthenticationParameters parameters = new AuthenticationParameters(spcOrigin == null
                ? serverProperties.forTenant(tenant, challenge) : serverProperties.forSpc(tenant, spcOrigin, challenge),
                credentialRecord(stored), allowCredentials(pending), pending.userVerificationRequired(), true);
        return new AssertionSteps.Assertion(pending, data, parameters, stored, owner, client, accepted, null);
    }

    private CredentialRecordImpl credentialRecord(Credential stored) {
        COSEKey coseKey = parsing("The stored public key",
                () -> converter.getCborConverter().readValue(stored.publicKeyCose(), COSEKey.class));
        AttestedCredentialData credentialData =
                new AttestedCredentialData(new AAGUID(stored.aaguid()), stored.credentialId(), coseKey);
        return new CredentialRecordImpl(null, stored.uvInitialized(), stored.backupEligible(), stored.backupState(),
                stored.signCount(), credentialData, null, null, null, null);
    }

    /** Usernameless ceremonies have no list, and step 5 then accepts any credential (step 6 binds the user). */
    private static @Nullable List<byte[]> allowCredentials(PendingCeremony pending) {
        if (pending.allowCredentials().isEmpty()) {
            return null;
        }
        return pending.allowCredentials().stream().map(id -> Base64Url.decode(id, "allowCredentials")).toList();
    }
}
