package io.biometriccore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.WebAuthnAuthenticationManager;
import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.anchor.KeyStoreTrustAnchorRepository;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.DefaultCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.CertificateException;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testkit.SoftwareAuthenticator.RegistrationInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.JsonNode;

class SoftwareAuthenticatorTests {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String RP_ID = "localhost";
    private static final String REGISTRATION_CHALLENGE = "cmVnaXN0cmF0aW9uLWNoYWxsZW5nZQ";
    private static final String AUTHENTICATION_CHALLENGE = "YXV0aGVudGljYXRpb24tY2hhbGxlbmdl";
    private static final byte[] USER_HANDLE = "user-handle-1234".getBytes(StandardCharsets.UTF_8);

    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private final WebAuthnRegistrationManager registrationManager = new WebAuthnRegistrationManager(
            List.of(new NoneAttestationStatementVerifier(), new PackedAttestationStatementVerifier()),
            new NullCertPathTrustworthinessVerifier(),
            new DefaultSelfAttestationTrustworthinessVerifier());
    private final WebAuthnAuthenticationManager authenticationManager = new WebAuthnAuthenticationManager();

    @Test
    void packedSelfEs256RegistrationVerifiesWithWebauthn4j() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.PACKED_SELF);

        RegistrationData data = verifyRegistration(authenticator.register(registrationInput()));

        var statement = (PackedAttestationStatement) data.getAttestationObject().getAttestationStatement();
        assertThat(statement.getAlg().getValue()).isEqualTo(-7);
        assertThat(statement.getX5c()).isNull();
        assertThat(data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData().getCredentialId())
                .isEqualTo(authenticator.credentialId());
    }

    @Test
    void packedSelfRs256RegistrationVerifiesWithWebauthn4j() {
        var authenticator = SoftwareAuthenticator.create(KeyType.RS256, Attestation.PACKED_SELF);

        RegistrationData data = verifyRegistration(authenticator.register(registrationInput()));

        var statement = (PackedAttestationStatement) data.getAttestationObject().getAttestationStatement();
        assertThat(statement.getAlg().getValue()).isEqualTo(-257);
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void everyKeyTypeSelfAttestsAndSignsAnAssertionWebauthn4jVerifies(KeyType keyType) {
        var authenticator = SoftwareAuthenticator.create(keyType, Attestation.PACKED_SELF);

        String registration = authenticator.register(registrationInput());
        RegistrationData data = verifyRegistration(registration);
        var statement = (PackedAttestationStatement) data.getAttestationObject().getAttestationStatement();
        var credentialKey = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData().getCOSEKey();
        assertThat(statement.getAlg().getValue()).isEqualTo(keyType.coseIdentifier());
        assertThat(credentialKey.getAlgorithm().getValue()).isEqualTo(keyType.coseIdentifier());
        assertThat(readJson(registration).get("response").get("publicKeyAlgorithm").asLong())
                .isEqualTo(keyType.coseIdentifier());

        CredentialRecord credential = register(authenticator);
        AuthenticationData signedIn = verifyAuthentication(authenticator.authenticate(authenticationInput()), credential);
        assertThat(signedIn.getCredentialId()).isEqualTo(authenticator.credentialId());
        String corrupted = authenticator.authenticate(authenticationInput().withCorruptSignature(true));
        assertThatThrownBy(() -> verifyAuthentication(corrupted, credential)).isInstanceOf(BadSignatureException.class);
    }

    @Test
    void packedFullRegistrationChainsToTheIssuingCaRoot() {
        AttestationCa ca = AttestationCa.generate("Testkit CA");
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, ca);

        RegistrationData data = verifyRegistration(trustingOnly(ca.root()), authenticator.register(registrationInput()));

        var statement = (PackedAttestationStatement) data.getAttestationObject().getAttestationStatement();
        assertThat(statement.getAlg().getValue()).isEqualTo(-7);
        assertThat(statement.getX5c()).hasSize(1);
        assertThat(statement.getX5c().getFirst().getIssuerX500Principal()).isEqualTo(ca.root().getSubjectX500Principal());
        assertThat(data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData().getAaguid())
                .isEqualTo(new AAGUID(ca.aaguid()));
    }

    @Test
    void packedFullAttestationIsEs256WhateverTheCredentialKeyType() {
        AttestationCa ca = AttestationCa.generate("Testkit CA");
        var authenticator = SoftwareAuthenticator.create(KeyType.RS256, ca);

        RegistrationData data = verifyRegistration(trustingOnly(ca.root()), authenticator.register(registrationInput()));

        var statement = (PackedAttestationStatement) data.getAttestationObject().getAttestationStatement();
        assertThat(statement.getAlg().getValue()).isEqualTo(-7);
        assertThat(data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData().getCOSEKey()
                .getAlgorithm().getValue()).isEqualTo(-257);
    }

    @Test
    void packedFullRegistrationFromAnotherCaDoesNotChainToTheTrustAnchor() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, AttestationCa.generate("Rogue CA"));
        WebAuthnRegistrationManager manager = trustingOnly(AttestationCa.generate("Testkit CA").root());

        String response = authenticator.register(registrationInput());

        assertThatThrownBy(() -> verifyRegistration(manager, response)).isExactlyInstanceOf(CertificateException.class);
    }

    @Test
    void packedFullCannotBeCreatedWithoutACa() {
        assertThatThrownBy(() -> SoftwareAuthenticator.create(KeyType.ES256, Attestation.PACKED_FULL))
                .isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noneEs256RegistrationVerifiesWithWebauthn4j() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        RegistrationData data = verifyRegistration(authenticator.register(registrationInput()));

        assertThat(data.getAttestationObject().getFormat()).isEqualTo("none");
        assertThat(data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData().getAaguid())
                .isEqualTo(AAGUID.ZERO);
    }

    @Test
    void es256AssertionVerifiesWithWebauthn4jAndEchoesTheRegisteredUserHandle() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.PACKED_SELF);
        CredentialRecord credential = register(authenticator);

        AuthenticationData data = verifyAuthentication(authenticator.authenticate(authenticationInput()), credential);

        assertThat(data.getCredentialId()).isEqualTo(authenticator.credentialId());
        assertThat(data.getUserHandle()).isEqualTo(USER_HANDLE);
        assertThat(data.getAuthenticatorData().getSignCount()).isEqualTo(1);
    }

    @Test
    void rs256AssertionVerifiesWithWebauthn4j() {
        var authenticator = SoftwareAuthenticator.create(KeyType.RS256, Attestation.NONE);
        CredentialRecord credential = register(authenticator);

        AuthenticationData data = verifyAuthentication(authenticator.authenticate(authenticationInput()), credential);

        assertThat(data.getUserHandle()).isEqualTo(USER_HANDLE);
    }

    @Test
    void registrationResponseHasTheLevel3JsonShape() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        JsonNode json = readJson(authenticator.register(registrationInput()));

        assertThat(json.get("id").asString()).isEqualTo(authenticator.credentialIdBase64Url());
        assertThat(json.get("rawId").asString()).isEqualTo(authenticator.credentialIdBase64Url());
        assertThat(json.get("type").asString()).isEqualTo("public-key");
        assertThat(json.get("authenticatorAttachment").asString()).isEqualTo("platform");
        assertThat(json.get("clientExtensionResults").isEmpty()).isTrue();
        JsonNode response = json.get("response");
        assertThat(response.get("publicKeyAlgorithm").asInt()).isEqualTo(-7);
        assertThat(response.get("transports").get(0).asString()).isEqualTo("internal");
        assertThat(response.has("publicKey")).isFalse();
        assertThat(decodeUtf8(response.get("clientDataJSON").asString())).isEqualTo(
                "{\"type\":\"webauthn.create\",\"challenge\":\"" + REGISTRATION_CHALLENGE
                        + "\",\"origin\":\"http://localhost:8080\",\"crossOrigin\":false}");
    }

    @Test
    void signCountStartsAtZeroAndAdvancesAfterEachCeremonyWhileAutoIncrementIsOn() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        long registration = registrationSignCountOf(authenticator.register(registrationInput()));
        long firstAssertion = assertionSignCountOf(authenticator.authenticate(authenticationInput()));
        long secondAssertion = assertionSignCountOf(authenticator.authenticate(authenticationInput()));

        assertThat(List.of(registration, firstAssertion, secondAssertion)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void signCountCanBePinnedToAFixedValue() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        authenticator.signCount(41);
        authenticator.autoIncrement(false);

        long first = assertionSignCountOf(authenticator.authenticate(authenticationInput()));
        long second = assertionSignCountOf(authenticator.authenticate(authenticationInput()));

        assertThat(List.of(first, second)).containsExactly(41L, 41L);
    }

    @Test
    void corruptSignatureIsRejectedByWebauthn4j() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        CredentialRecord credential = register(authenticator);

        String response = authenticator.authenticate(authenticationInput().withCorruptSignature(true));

        assertThatThrownBy(() -> verifyAuthentication(response, credential)).isInstanceOf(BadSignatureException.class);
    }

    @Test
    void zeroSignatureIsTheDerEncodingOfRZeroAndSZero() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        CredentialRecord credential = register(authenticator);

        String response = authenticator.authenticate(authenticationInput().withZeroSignature(true));

        assertThat(decode(readJson(response).get("response").get("signature").asString()))
                .containsExactly(0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00);
        assertThatThrownBy(() -> verifyAuthentication(response, credential)).isInstanceOf(BadSignatureException.class);
    }

    @Test
    void trailingBytesAfterAuthenticatorDataAreSignedButLeftOver() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        CredentialRecord credential = register(authenticator);

        String response = authenticator.authenticate(
                authenticationInput().withTrailingBytesAfterAuthenticatorData(true));

        assertThat(decode(readJson(response).get("response").get("authenticatorData").asString())).hasSize(37 + 4);
        assertThatThrownBy(() -> verifyAuthentication(response, credential))
                .isInstanceOf(DataConversionException.class);
    }

    @Test
    void userHandleAndCredentialIdCanBeOmittedOrReplaced() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        register(authenticator);
        byte[] otherId = new byte[32];

        JsonNode omitted = readJson(authenticator.authenticate(authenticationInput().withIncludeUserHandle(false)));
        JsonNode replaced = readJson(authenticator.authenticate(authenticationInput()
                .withUserHandleOverride(new byte[] {1, 2, 3})
                .withCredentialIdOverride(otherId)));

        assertThat(omitted.get("response").has("userHandle")).isFalse();
        assertThat(decode(replaced.get("response").get("userHandle").asString())).containsExactly(1, 2, 3);
        assertThat(decode(replaced.get("rawId").asString())).isEqualTo(otherId);
        assertThat(decode(replaced.get("id").asString())).isEqualTo(otherId);
    }

    @Test
    void unknownFormatCarriesAnEmptyAttestationStatement() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.PACKED_SELF);

        JsonNode attestationObject = attestationObjectOf(
                authenticator.register(registrationInput().withFormat("unknown-fmt")));

        assertThat(attestationObject.get("fmt").asString()).isEqualTo("unknown-fmt");
        assertThat(attestationObject.get("attStmt").isEmpty()).isTrue();
        assertThat(attestationObject.get("authData").isBinary()).isTrue();
    }

    @Test
    void noneWithStatementCarriesANonEmptyAttestationStatementThatWebauthn4jRejects() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        String response = authenticator.register(registrationInput().withNoneWithStatement(true));

        JsonNode attestationObject = attestationObjectOf(response);
        assertThat(attestationObject.get("fmt").asString()).isEqualTo("none");
        assertThat(attestationObject.get("attStmt").get("alg").asInt()).isEqualTo(-7);
        assertThatThrownBy(() -> verifyRegistration(response)).isInstanceOf(BadAttestationStatementException.class);
    }

    @Test
    void truncatedAttestationObjectCannotBeParsed() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.PACKED_SELF);

        String response = authenticator.register(registrationInput().withTruncateAttestationObject(true));

        byte[] attestationObject = decode(readJson(response).get("response").get("attestationObject").asString());
        assertThatThrownBy(() -> CONVERTER.getCborMapper().readTree(attestationObject))
                .isInstanceOf(UnexpectedEndOfInputException.class);
    }

    @Test
    void flagsFollowTheInput() {
        var authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        String response = authenticator.register(registrationInput()
                .withUserPresent(false).withUserVerified(false).withBackupEligible(true).withBackupState(true));

        var authenticatorData = registrationManager.parse(response).getAttestationObject().getAuthenticatorData();
        assertThat(authenticatorData.isFlagUP()).isFalse();
        assertThat(authenticatorData.isFlagUV()).isFalse();
        assertThat(authenticatorData.isFlagBE()).isTrue();
        assertThat(authenticatorData.isFlagBS()).isTrue();
        assertThat(authenticatorData.isFlagAT()).isTrue();
    }

    private static RegistrationInput registrationInput() {
        return RegistrationInput.of(REGISTRATION_CHALLENGE, ORIGIN, RP_ID).withUserHandle(USER_HANDLE);
    }

    private static AuthenticationInput authenticationInput() {
        return AuthenticationInput.of(AUTHENTICATION_CHALLENGE, ORIGIN, RP_ID);
    }

    private RegistrationData verifyRegistration(String responseJson) {
        return verifyRegistration(registrationManager, responseJson);
    }

    private static RegistrationData verifyRegistration(WebAuthnRegistrationManager manager, String responseJson) {
        var parameters = new RegistrationParameters(serverProperty(REGISTRATION_CHALLENGE), null, true, true);
        return manager.verify(responseJson, parameters);
    }

    /** A manager that verifies packed statements and requires their x5c to chain to {@code root}. */
    private static WebAuthnRegistrationManager trustingOnly(X509Certificate root) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("root", root);
            return new WebAuthnRegistrationManager(List.of(new PackedAttestationStatementVerifier()),
                    new DefaultCertPathTrustworthinessVerifier(new KeyStoreTrustAnchorRepository(anchors)),
                    new DefaultSelfAttestationTrustworthinessVerifier());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private CredentialRecord register(SoftwareAuthenticator authenticator) {
        RegistrationData data = verifyRegistration(authenticator.register(registrationInput()));
        return new CredentialRecordImpl(data.getAttestationObject(), data.getCollectedClientData(),
                data.getClientExtensions(), Set.of());
    }

    private AuthenticationData verifyAuthentication(String responseJson, CredentialRecord credential) {
        var parameters = new AuthenticationParameters(
                serverProperty(AUTHENTICATION_CHALLENGE), credential, null, true, true);
        return authenticationManager.verify(responseJson, parameters);
    }

    private static ServerProperty serverProperty(String challenge) {
        return ServerProperty.builder()
                .origin(new Origin(ORIGIN))
                .rpId(RP_ID)
                .challenge(new DefaultChallenge(challenge))
                .build();
    }

    private long registrationSignCountOf(String responseJson) {
        return registrationManager.parse(responseJson).getAttestationObject().getAuthenticatorData().getSignCount();
    }

    private long assertionSignCountOf(String responseJson) {
        return authenticationManager.parse(responseJson).getAuthenticatorData().getSignCount();
    }

    private static JsonNode attestationObjectOf(String registrationJson) {
        String encoded = readJson(registrationJson).get("response").get("attestationObject").asString();
        return CONVERTER.getCborMapper().readTree(decode(encoded));
    }

    private static JsonNode readJson(String json) {
        return CONVERTER.getJsonMapper().readTree(json);
    }

    private static byte[] decode(String base64Url) {
        return Base64.getUrlDecoder().decode(base64Url);
    }

    private static String decodeUtf8(String base64Url) {
        return new String(decode(base64Url), StandardCharsets.UTF_8);
    }
}
