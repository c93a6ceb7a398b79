package io.biometriccore.ceremonies.internal;

import static io.biometriccore.ceremonies.internal.ResponseParsing.parsing;
import static io.biometriccore.ceremonies.internal.WebAuthnRejections.verifying;

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
import io.biometriccore.ceremonies.AuthenticationResponse;
import io.biometriccore.ceremonies.AuthenticatorFlags;
import io.biometriccore.credentials.Credential;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.tenancy.Tenant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Verifies an assertion: WebAuthn L3 §7.2 "Verifying an Authentication Assertion", steps 7–21
 * (client data, challenge, origin, rpIdHash, UP, UV, BE/BS, signature) through webauthn4j. User
 * binding (steps 5–6) and the signature counter (step 22) are the caller's, because they need the
 * ceremony's user and have side effects. It has none.
 */
@Component
public class AuthenticationVerifier {

    private final WebAuthnAuthenticationManager manager;
    private final ObjectConverter converter;
    private final ServerProperties serverProperties;

    AuthenticationVerifier(WebAuthnAuthenticationManager manager, ObjectConverter converter,
            ServerProperties serverProperties) {
        this.manager = manager;
        this.converter = converter;
        this.serverProperties = serverProperties;
    }

    public AuthenticationData parse(AuthenticationResponse r) {
        AuthenticationRequest request = new AuthenticationRequest(r.rawId(), r.userHandle(), r.authenticatorData(),
                r.clientDataJSON(), r.clientExtensionsJSON(), r.signature());
        return parsing("The authentication response", () -> manager.parse(request));
    }

    /** @return the flags of the verified assertion */
    public AuthenticatorFlags verify(Tenant tenant, PendingCeremony pending, AuthenticationData data,
            Credential stored) {
        AuthenticationParameters parameters = new AuthenticationParameters(
                serverProperties.forTenant(tenant, new DefaultChallenge(pending.challengeBytes())),
                credentialRecord(stored), allowCredentials(pending), pending.userVerificationRequired(), true);
        verifying(() -> manager.verify(data, parameters));
        var authenticatorData = data.getAuthenticatorData();
        RegistrationVerifier.requireBackupStateConsistent(authenticatorData.isFlagBE(), authenticatorData.isFlagBS());
        return new AuthenticatorFlags(authenticatorData.isFlagUP(), authenticatorData.isFlagUV(),
                authenticatorData.isFlagBE(), authenticatorData.isFlagBS());
    }

    /** §7.2 step 22 is ours: webauthn4j sees a zero counter so that the clone rule is applied in one place. */
    private CredentialRecordImpl credentialRecord(Credential stored) {
        COSEKey coseKey = parsing("The stored public key",
                () -> converter.getCborConverter().readValue(stored.publicKeyCose(), COSEKey.class));
        AttestedCredentialData credentialData =
                new AttestedCredentialData(new AAGUID(stored.aaguid()), stored.credentialId(), coseKey);
        return new CredentialRecordImpl(null, stored.uvInitialized(), stored.backupEligible(), stored.backupState(),
                0, credentialData, null, null, null, null);
    }

    /** Usernameless ceremonies have no list; webauthn4j then accepts any credential (user binding is ours). */
    private static @Nullable List<byte[]> allowCredentials(PendingCeremony pending) {
        if (pending.allowCredentials().isEmpty()) {
            return null;
        }
        return pending.allowCredentials().stream().map(id -> Base64Url.decode(id, "allowCredentials")).toList();
    }
}
