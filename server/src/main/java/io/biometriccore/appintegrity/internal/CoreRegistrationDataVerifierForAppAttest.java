package io.biometriccore.appintegrity.internal;

import com.webauthn4j.appattest.data.DCAttestationData;
import com.webauthn4j.appattest.verifier.DCRegistrationObject;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.CoreRegistrationData;
import com.webauthn4j.data.CoreRegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.verifier.CoreRegistrationObject;
import com.webauthn4j.verifier.CoreRegistrationDataVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.CertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.BadAaguidException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * webauthn4j-core's registration verification (RP ID hash, COSE key, statement, certificate path) with
 * App Attest's own steps after it: a zero counter (step 8), the environment's aaguid (step 9) and the
 * key id as credential id (step 9), ported from webauthn4j-appattest's {@code DCAttestationDataVerifier}
 * (Apache License 2.0) to carry {@link AppAttestStatementVerifier}; see that class for why. The
 * certificates are judged at this server's clock.
 */
final class CoreRegistrationDataVerifierForAppAttest extends CoreRegistrationDataVerifier {

    private final AAGUID environment;
    private final Clock clock;

    CoreRegistrationDataVerifierForAppAttest(CertPathTrustworthinessVerifier trust, ObjectConverter converter,
            AAGUID environment, Clock clock) {
        super(List.of(new AppAttestStatementVerifier()), trust, new DefaultSelfAttestationTrustworthinessVerifier(false),
                List.of(), converter);
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public void verify(CoreRegistrationData registrationData, CoreRegistrationParameters registrationParameters) {
        super.verify(registrationData, registrationParameters);
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData =
                Objects.requireNonNull(registrationData.getAttestationObject()).getAuthenticatorData();
        if (authenticatorData.getSignCount() != 0) {
            throw new MaliciousCounterValueException("An App Attest attestation's counter is 0", 0, authenticatorData.getSignCount());
        }
        var credential = Objects.requireNonNull(authenticatorData.getAttestedCredentialData());
        if (!environment.equals(credential.getAaguid())) {
            throw new BadAaguidException("The aaguid is not " + environment, credential.getAaguid());
        }
        if (!Arrays.equals(((DCAttestationData) registrationData).getKeyId(), credential.getCredentialId())) {
            throw new BadAttestationStatementException("The key identifier is not the credential id");
        }
    }

    @Override
    protected CoreRegistrationObject createCoreRegistrationObject(CoreRegistrationData registrationData,
            CoreRegistrationParameters registrationParameters) {
        return new DCRegistrationObject(((DCAttestationData) registrationData).getKeyId(),
                Objects.requireNonNull(registrationData.getAttestationObject()),
                Objects.requireNonNull(registrationData.getAttestationObjectBytes()),
                Objects.requireNonNull(registrationData.getClientDataHash()),
                registrationParameters.getServerProperty(), clock.instant());
    }
}
