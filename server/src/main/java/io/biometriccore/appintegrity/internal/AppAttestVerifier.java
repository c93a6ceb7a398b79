package io.biometriccore.appintegrity.internal;

import com.webauthn4j.appattest.DeviceCheckManager;
import com.webauthn4j.appattest.authenticator.DCAppleDeviceImpl;
import com.webauthn4j.appattest.data.DCAssertion;
import com.webauthn4j.appattest.data.DCAssertionData;
import com.webauthn4j.appattest.data.DCAssertionParameters;
import com.webauthn4j.appattest.data.DCAttestationData;
import com.webauthn4j.appattest.data.DCAttestationParameters;
import com.webauthn4j.appattest.data.DCAttestationRequest;
import com.webauthn4j.appattest.data.attestation.statement.AppleAppAttestAttestationStatement;
import com.webauthn4j.appattest.server.DCServerProperty;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.DefaultCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.BadAaguidException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.CertificateException;
import com.webauthn4j.verifier.exception.ConstraintViolationException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.TrustAnchorNotFoundException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.biometriccore.appintegrity.AppAttestKey;
import io.biometriccore.appintegrity.AppAttested;
import io.biometriccore.appintegrity.AppleApp;
import io.biometriccore.appintegrity.AppleAppAttest;
import io.biometriccore.appintegrity.AttestationRejection;
import io.biometriccore.appintegrity.BootState;
import io.biometriccore.appintegrity.Platform;
import io.biometriccore.appintegrity.SecurityLevel;
import io.biometriccore.appintegrity.Verification;
import io.biometriccore.appintegrity.VerifiedPosture;
import java.nio.charset.StandardCharsets;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * {@link AppleAppAttest} through webauthn4j: its parsers and certificate-path verifier for attestations,
 * its {@code DeviceCheckManager} for assertions (with the authenticator data read as App Attest writes it). This class picks the environment the app accepts, adds
 * the strictly increasing counter App Attest promises, and names each refusal. Nothing reaches the
 * network: the chain ends at the configured root and no revocation is consulted (Apple publishes none).
 */
final class AppAttestVerifier implements AppleAppAttest {

    static final AAGUID PRODUCTION = new AAGUID("appattest\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
    static final AAGUID DEVELOPMENT = new AAGUID("appattestdevelop".getBytes(StandardCharsets.US_ASCII));

    private final DeviceCheckManager deviceCheck;
    private final CoreRegistrationDataVerifierForAppAttest production;
    private final CoreRegistrationDataVerifierForAppAttest development;
    private final AttestedCredentialDataConverter credentialData;
    private final AppAttestAuthenticatorDataConverter authenticatorData;
    private final ObjectConverter converter;
    private final Clock clock;

    AppAttestVerifier(X509Certificate appAttestRoot, Clock clock) {
        this.converter = DeviceCheckManager.createObjectConverter();
        var trust = new DefaultCertPathTrustworthinessVerifier(
                TrustAnchorRepositories.always(Set.of(new TrustAnchor(appAttestRoot, null))));
        trust.setRevocationCheckEnabled(false);
        this.deviceCheck = new DeviceCheckManager(trust, converter);
        this.production = new CoreRegistrationDataVerifierForAppAttest(trust, converter, PRODUCTION, clock);
        this.development = new CoreRegistrationDataVerifierForAppAttest(trust, converter, DEVELOPMENT, clock);
        this.credentialData = new AttestedCredentialDataConverter(converter);
        this.authenticatorData = new AppAttestAuthenticatorDataConverter(converter);
        this.clock = clock;
    }

    @Override
    public Verification<AppAttested> verifyAttestation(AppleApp app, byte[] keyId, byte[] attestationObject,
            byte[] challenge) {
        DCAttestationData data;
        try {
            data = deviceCheck.parse(new DCAttestationRequest(keyId, attestationObject, Digests.sha256(challenge)));
        } catch (DataConversionException | JacksonException | IllegalArgumentException e) {
            return Verification.rejected(AttestationRejection.ATTESTATION_MALFORMED, "attestation object: " + e.getMessage());
        }
        if (data.getAttestationObject() == null
                || data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData() == null
                || !(data.getAttestationObject().getAttestationStatement() instanceof AppleAppAttestAttestationStatement statement)
                || statement.getX5c() == null) {
            return Verification.rejected(AttestationRejection.ATTESTATION_MALFORMED, "not an apple-appattest attestation");
        }
        return verifyAttestation(app, data, statement);
    }

    private Verification<AppAttested> verifyAttestation(AppleApp app, DCAttestationData data,
            AppleAppAttestAttestationStatement statement) {
        AttestedCredentialData attested = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        boolean developmentKey = DEVELOPMENT.equals(attested.getAaguid());
        if (developmentKey && !app.developmentAccepted()) {
            return Verification.rejected(AttestationRejection.ENVIRONMENT_NOT_ACCEPTED, "development key, production app");
        }
        if (!CertificateChains.linksVerify(statement.getX5c())) {
            return Verification.rejected(AttestationRejection.ATTESTATION_TAMPERED, "x5c signatures do not verify");
        }
        try {
            (developmentKey ? development : production)
                    .verify(data, new DCAttestationParameters(new DCServerProperty(app.appId(), null)));
        } catch (VerificationException e) {
            AttestationRejection reason = e instanceof MaliciousCounterValueException
                    ? AttestationRejection.ATTESTATION_MALFORMED : reasonFor(e);
            return Verification.rejected(reason, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        AppAttestKey key = new AppAttestKey(data.getKeyId(), credentialData.convert(attested), developmentKey);
        return Verification.verified(new AppAttested(key, posture(app)));
    }

    @Override
    public Verification<Long> verifyAssertion(AppleApp app, AppAttestKey key, long storedCounter, byte[] assertion,
            byte[] clientData) {
        DCAssertionData data;
        try {
            data = parseAssertion(key.keyId(), assertion, Digests.sha256(clientData));
        } catch (DataConversionException | JacksonException | IllegalArgumentException e) {
            return Verification.rejected(AttestationRejection.ATTESTATION_MALFORMED, "assertion: " + e.getMessage());
        }
        var device = new DCAppleDeviceImpl(credentialData.convert(key.attestedCredentialData()), null, storedCounter, null);
        try {
            deviceCheck.validate(data, new DCAssertionParameters(new DCServerProperty(app.appId(), null), device));
        } catch (VerificationException e) {
            return Verification.rejected(reasonFor(e), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        //spec| 4. Verify that the authenticator data's counter value is greater than the value from the previous assertion.
        long counter = data.getAuthenticatorData().getSignCount();
        if (counter <= storedCounter) {
            return Verification.rejected(AttestationRejection.COUNTER_NOT_INCREASING,
                    "counter " + counter + ", stored " + storedCounter);
        }
        return Verification.verified(counter);
    }

    /** As {@code DeviceCheckAssertionManager.parse}, with the authenticator data read as App Attest writes it. */
    private DCAssertionData parseAssertion(byte[] keyId, byte[] assertion, byte[] clientDataHash) {
        DCAssertion decoded = converter.getCborMapper().readValue(assertion, DCAssertion.class);
        if (decoded == null || decoded.getAuthenticatorData() == null || decoded.getSignature() == null) {
            throw new IllegalArgumentException("an assertion is {signature, authenticatorData}");
        }
        return new DCAssertionData(keyId, authenticatorData.convert(decoded.getAuthenticatorData()),
                decoded.getAuthenticatorData(), clientDataHash, decoded.getSignature());
    }

    private static AttestationRejection reasonFor(VerificationException e) {
        return switch (e) {
            case BadChallengeException challenge -> AttestationRejection.CHALLENGE_MISMATCH;
            case BadRpIdException rpId -> AttestationRejection.APP_ID_MISMATCH;
            case BadAaguidException aaguid -> AttestationRejection.ENVIRONMENT_NOT_ACCEPTED;
            case CertificateException chain -> AttestationRejection.CHAIN_UNTRUSTED;
            case TrustAnchorNotFoundException anchor -> AttestationRejection.CHAIN_UNTRUSTED;
            case MaliciousCounterValueException counter -> AttestationRejection.COUNTER_NOT_INCREASING;
            case ConstraintViolationException missing -> AttestationRejection.ATTESTATION_MALFORMED;
            default -> AttestationRejection.ATTESTATION_TAMPERED;
        };
    }

    private VerifiedPosture posture(AppleApp app) {
        return new VerifiedPosture(Platform.IOS, SecurityLevel.SECURE_ENCLAVE, BootState.NOT_ATTESTED, null,
                app.appId(), null, null, clock.instant());
    }
}
