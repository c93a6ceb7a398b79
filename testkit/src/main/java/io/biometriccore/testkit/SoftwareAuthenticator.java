package io.biometriccore.testkit;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.EdDSACOSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.AttestationCertificatePath;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import io.biometriccore.testkit.AttestationCa.AttestationKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A software FIDO2 platform authenticator together with the browser side of the ceremony: it
 * returns the JSON that {@code PublicKeyCredential.toJSON()} gives after
 * {@code navigator.credentials.create()} and {@code get()}, with knobs for the malformed and
 * malicious variants a relying party must reject.
 *
 * <p>Each instance owns one credential: a fresh key pair and a random 32-byte credential id, or
 * those of a credential registered earlier ({@link #restore}). The signature counter starts at 0;
 * every ceremony reports the current value and then, while auto-increment is on, advances it by
 * one. Not thread-safe.
 */
public final class SoftwareAuthenticator {

    /** The attestation a registration carries. */
    public enum Attestation {
        /** {@code none}, with the zero AAGUID. */
        NONE,
        /** {@code packed} without x5c, signed by the credential key itself. */
        PACKED_SELF,
        /**
         * {@code packed} with x5c: ES256, signed by an attestation key whose certificate an
         * {@link AttestationCa} issued; create it with {@link #create(KeyType, AttestationCa)}.
         */
        PACKED_FULL
    }

    /** Credential key types, named by their COSE algorithm. */
    public enum KeyType {
        ES256(COSEAlgorithmIdentifier.ES256, "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA", null),
        ES384(COSEAlgorithmIdentifier.ES384, "EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA", null),
        ES512(COSEAlgorithmIdentifier.ES512, "EC", new ECGenParameterSpec("secp521r1"), "SHA512withECDSA", null),
        /** Ed25519, the EdDSA curve WebAuthn authenticators use. */
        EdDSA(COSEAlgorithmIdentifier.EdDSA, "Ed25519", NamedParameterSpec.ED25519, "Ed25519", null),
        RS256(COSEAlgorithmIdentifier.RS256, "RSA",
                new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA", null),
        /** RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt (RFC 8230 §2). */
        PS256(COSEAlgorithmIdentifier.PS256, "RSA",
                new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "RSASSA-PSS",
                new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC));

        private final COSEAlgorithmIdentifier coseAlgorithm;
        private final String keyAlgorithm;
        private final AlgorithmParameterSpec keySpec;
        private final String signatureAlgorithm;
        private final @Nullable AlgorithmParameterSpec signatureParameters;

        KeyType(COSEAlgorithmIdentifier coseAlgorithm, String keyAlgorithm, AlgorithmParameterSpec keySpec,
                String signatureAlgorithm, @Nullable AlgorithmParameterSpec signatureParameters) {
            this.coseAlgorithm = coseAlgorithm;
            this.keyAlgorithm = keyAlgorithm;
            this.keySpec = keySpec;
            this.signatureAlgorithm = signatureAlgorithm;
            this.signatureParameters = signatureParameters;
        }

        /** The COSE algorithm identifier, e.g. -7 for ES256. */
        public long coseIdentifier() {
            return coseAlgorithm.getValue();
        }
    }

    private static final String CREATE = "webauthn.create";
    private static final String GET = "webauthn.get";
    private static final String ATTESTATION_SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final AAGUID PACKED_AAGUID = new AAGUID("5f3e8b2a-9c41-4d7e-b6a0-1c2d3e4f5a6b");
    /** DER {@code SEQUENCE { INTEGER 0, INTEGER 0 }}: the CVE-2022-21449 "psychic signature". */
    private static final byte[] ZERO_ECDSA_SIGNATURE = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00};
    private static final byte[] TRAILING_BYTES = {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF};

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final JsonMapper JSON = CONVERTER.getJsonMapper();
    private static final CollectedClientDataConverter CLIENT_DATA = new CollectedClientDataConverter(CONVERTER);
    private static final AuthenticatorDataConverter AUTHENTICATOR_DATA = new AuthenticatorDataConverter(CONVERTER);
    private static final AttestationObjectConverter ATTESTATION_OBJECT = new AttestationObjectConverter(CONVERTER);

    private final KeyType keyType;
    private final Attestation attestation;
    private final KeyPair keyPair;
    /** Set exactly when {@code attestation} is {@link Attestation#PACKED_FULL}. */
    private final @Nullable AttestationKey attestationKey;
    private final byte[] credentialId;
    private long signCount;
    private boolean autoIncrement = true;
    private byte @Nullable [] userHandle;

    private SoftwareAuthenticator(KeyType keyType, Attestation attestation, @Nullable AttestationKey attestationKey) {
        this(keyType, attestation, attestationKey, generateKeyPair(keyType), randomBytes(32));
    }

    private SoftwareAuthenticator(KeyType keyType, Attestation attestation, @Nullable AttestationKey attestationKey,
            KeyPair keyPair, byte[] credentialId) {
        this.keyType = keyType;
        this.attestation = attestation;
        this.keyPair = keyPair;
        this.attestationKey = attestationKey;
        this.credentialId = credentialId;
    }

    /** An authenticator with {@code none} or self attestation; {@link Attestation#PACKED_FULL} needs a CA. */
    /** The algorithm of the credential key; its name is the tenant's {@code CoseAlgorithm} name. */
    public KeyType keyType() {
        return keyType;
    }

    public static SoftwareAuthenticator create(KeyType keyType, Attestation attestation) {
        if (attestation == Attestation.PACKED_FULL) {
            throw new IllegalArgumentException("PACKED_FULL needs a CA: use create(KeyType, AttestationCa)");
        }
        return new SoftwareAuthenticator(keyType, attestation, null);
    }

    /**
     * An authenticator with {@link Attestation#PACKED_FULL} attestation: {@code ca} issues it an
     * attestation key and certificate for {@link AttestationCa#aaguid()}, the AAGUID its
     * credential reports.
     */
    public static SoftwareAuthenticator create(KeyType keyType, AttestationCa ca) {
        return new SoftwareAuthenticator(keyType, Attestation.PACKED_FULL, ca.issue(ca.aaguid()));
    }

    /**
     * The authenticator of a credential registered earlier, e.g. one a seeded database holds: an ES256
     * key pair, its credential id and the user handle it returns in assertions. Its signature counter
     * stays 0, as many platform authenticators' does, so any number of clients may sign in with it
     * in any order (§6.1.1: a counter that is 0 on both sides is not checked).
     */
    public static SoftwareAuthenticator restore(KeyPair keyPair, byte[] credentialId, byte[] userHandle) {
        if (!(keyPair.getPublic() instanceof ECPublicKey)) {
            throw new IllegalArgumentException("restore takes an ES256 (P-256) key pair");
        }
        var authenticator = new SoftwareAuthenticator(KeyType.ES256, Attestation.NONE, null, keyPair,
                credentialId.clone());
        authenticator.userHandle = userHandle.clone();
        authenticator.autoIncrement = false;
        return authenticator;
    }

    public byte[] credentialId() {
        return credentialId.clone();
    }

    public String credentialIdBase64Url() {
        return base64Url(credentialId);
    }

    /** The counter value the next ceremony reports. */
    public void signCount(long value) {
        signCount = value;
    }

    /** Whether each ceremony advances the counter by one after reporting it (default on). */
    public void autoIncrement(boolean on) {
        autoIncrement = on;
    }

    /** The RegistrationResponseJSON for a {@code create()} ceremony; remembers the user handle. */
    public String register(RegistrationInput in) {
        userHandle = in.userHandle().clone();
        byte[] clientDataJson = clientDataJson(in.type(), in.challenge(), in.origin());
        var authenticatorData = registrationAuthenticatorData(in);
        byte[] authenticatorDataBytes = AUTHENTICATOR_DATA.convert(authenticatorData);
        byte[] signedData = concat(authenticatorDataBytes, sha256(clientDataJson));
        byte[] attestationObject = attestationObject(in, authenticatorData, authenticatorDataBytes, signedData);

        ObjectNode response = JSON.createObjectNode()
                .put("clientDataJSON", base64Url(clientDataJson))
                .put("attestationObject", base64Url(attestationObject));
        response.putArray("transports").add("internal");
        response.put("publicKeyAlgorithm", keyType.coseAlgorithm.getValue())
                .put("authenticatorData", base64Url(authenticatorDataBytes));
        return credentialJson(credentialId, response);
    }

    /** The AuthenticationResponseJSON for a {@code get()} ceremony. */
    public String authenticate(AuthenticationInput in) {
        byte[] clientDataJson = in.payment() == null ? clientDataJson(in.type(), in.challenge(), in.origin())
                : paymentClientDataJson(in.type(), in.challenge(), in.origin(), in.payment());
        byte[] authenticatorData = assertionAuthenticatorData(in);
        byte[] signature = assertionSignature(in, concat(authenticatorData, sha256(clientDataJson)));

        ObjectNode response = JSON.createObjectNode()
                .put("clientDataJSON", base64Url(clientDataJson))
                .put("authenticatorData", base64Url(authenticatorData))
                .put("signature", base64Url(signature));
        byte[] returnedUserHandle = assertionUserHandle(in);
        if (returnedUserHandle != null) {
            response.put("userHandle", base64Url(returnedUserHandle));
        }
        byte[] id = in.credentialIdOverride() != null ? in.credentialIdOverride() : credentialId;
        return credentialJson(id, response);
    }

    private AuthenticatorData<RegistrationExtensionAuthenticatorOutput> registrationAuthenticatorData(
            RegistrationInput in) {
        byte flags = (byte) (flags(in.userPresent(), in.userVerified(), in.backupEligible(), in.backupState())
                | AuthenticatorData.BIT_AT);
        var credential = new AttestedCredentialData(aaguid(), credentialId, publicCoseKey());
        return new AuthenticatorData<>(sha256(utf8(in.rpId())), flags, nextSignCount(), credential);
    }

    private byte[] attestationObject(RegistrationInput in,
            AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData,
            byte[] authenticatorDataBytes, byte[] signedData) {
        byte[] encoded;
        if (in.format() != null) {
            encoded = rawAttestationObject(in.format(), Map.of(), authenticatorDataBytes);
        } else if (in.noneWithStatement()) {
            Map<String, Object> statement = Map.of("alg", keyType.coseAlgorithm.getValue());
            encoded = rawAttestationObject(NoneAttestationStatement.FORMAT, statement, authenticatorDataBytes);
        } else {
            var attestationObject = new AttestationObject(authenticatorData, attestationStatement(signedData));
            encoded = ATTESTATION_OBJECT.convertToBytes(attestationObject);
        }
        return in.truncateAttestationObject() ? Arrays.copyOf(encoded, encoded.length / 2) : encoded;
    }

    private AAGUID aaguid() {
        return switch (attestation) {
            case NONE -> AAGUID.ZERO;
            case PACKED_SELF -> PACKED_AAGUID;
            case PACKED_FULL -> new AAGUID(fullAttestationKey().aaguid());
        };
    }

    private AttestationStatement attestationStatement(byte[] signedData) {
        return switch (attestation) {
            case NONE -> new NoneAttestationStatement();
            case PACKED_SELF -> new PackedAttestationStatement(keyType.coseAlgorithm, sign(signedData), null);
            case PACKED_FULL -> new PackedAttestationStatement(COSEAlgorithmIdentifier.ES256,
                    sign(fullAttestationKey().privateKey(), ATTESTATION_SIGNATURE_ALGORITHM, signedData),
                    new AttestationCertificatePath(List.of(fullAttestationKey().certificate())));
        };
    }

    private AttestationKey fullAttestationKey() {
        return Objects.requireNonNull(attestationKey, "attestationKey");
    }

    /** CBOR-encodes an attestation object webauthn4j's model cannot express (unknown fmt, none with attStmt). */
    private static byte[] rawAttestationObject(String format, Map<String, Object> statement,
            byte[] authenticatorData) {
        var attestationObject = new LinkedHashMap<String, Object>();
        attestationObject.put("fmt", format);
        attestationObject.put("attStmt", statement);
        attestationObject.put("authData", authenticatorData);
        return CONVERTER.getCborMapper().writeValueAsBytes(attestationObject);
    }

    private byte[] assertionAuthenticatorData(AuthenticationInput in) {
        byte flags = flags(in.userPresent(), in.userVerified(), in.backupEligible(), in.backupState());
        var authenticatorData = new AuthenticatorData<AuthenticationExtensionAuthenticatorOutput>(
                sha256(utf8(in.rpId())), flags, nextSignCount());
        byte[] encoded = AUTHENTICATOR_DATA.convert(authenticatorData);
        return in.trailingBytesAfterAuthenticatorData() ? concat(encoded, TRAILING_BYTES) : encoded;
    }

    private byte[] assertionSignature(AuthenticationInput in, byte[] signedData) {
        if (in.zeroSignature()) {
            return ZERO_ECDSA_SIGNATURE.clone();
        }
        byte[] signature = sign(signedData);
        if (in.corruptSignature()) {
            signature[signature.length - 1] ^= 0x01;
        }
        return signature;
    }

    private byte @Nullable [] assertionUserHandle(AuthenticationInput in) {
        if (!in.includeUserHandle()) {
            return null;
        }
        return in.userHandleOverride() != null ? in.userHandleOverride() : userHandle;
    }

    private long nextSignCount() {
        long current = signCount;
        if (autoIncrement) {
            signCount++;
        }
        return current;
    }

    private COSEKey publicCoseKey() {
        return switch (keyType) {
            case ES256, ES384, ES512 -> EC2COSEKey.create((ECPublicKey) keyPair.getPublic(), keyType.coseAlgorithm);
            case EdDSA -> EdDSACOSEKey.create((EdECPublicKey) keyPair.getPublic(), keyType.coseAlgorithm);
            case RS256, PS256 -> RSACOSEKey.create((RSAPublicKey) keyPair.getPublic(), keyType.coseAlgorithm);
        };
    }

    private byte[] sign(byte[] data) {
        return sign(keyPair.getPrivate(), keyType.signatureAlgorithm, keyType.signatureParameters, data);
    }

    private static byte[] sign(PrivateKey key, String algorithm, byte[] data) {
        return sign(key, algorithm, null, data);
    }

    private static byte[] sign(PrivateKey key, String algorithm, @Nullable AlgorithmParameterSpec parameters,
            byte[] data) {
        try {
            Signature signer = Signature.getInstance(algorithm);
            if (parameters != null) {
                signer.setParameter(parameters);
            }
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generateKeyPair(KeyType keyType) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType.keyAlgorithm);
            generator.initialize(keyType.keySpec, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] clientDataJson(String type, String challenge, String origin) {
        var clientData = new CollectedClientData(ClientDataType.create(type), new DefaultChallenge(challenge),
                new Origin(origin), false, null);
        return CLIENT_DATA.convertToBytes(clientData);
    }

    /** The clientDataJSON of {@link #clientDataJson} with a {@code payment} member appended, as Chromium appends it. */
    private static byte[] paymentClientDataJson(String type, String challenge, String origin,
            CollectedClientAdditionalPaymentData payment) {
        ObjectNode clientData = (ObjectNode) JSON.readTree(clientDataJson(type, challenge, origin));
        clientData.set("payment", JSON.valueToTree(payment));
        return JSON.writeValueAsBytes(clientData);
    }

    private static String credentialJson(byte[] id, ObjectNode response) {
        ObjectNode credential = JSON.createObjectNode()
                .put("id", base64Url(id))
                .put("rawId", base64Url(id))
                .put("type", "public-key");
        credential.set("response", response);
        credential.putObject("clientExtensionResults");
        credential.put("authenticatorAttachment", "platform");
        return JSON.writeValueAsString(credential);
    }

    private static byte flags(boolean userPresent, boolean userVerified, boolean backupEligible,
            boolean backupState) {
        int flags = 0;
        if (userPresent) {
            flags |= AuthenticatorData.BIT_UP;
        }
        if (userVerified) {
            flags |= AuthenticatorData.BIT_UV;
        }
        if (backupEligible) {
            flags |= AuthenticatorData.BIT_BE;
        }
        if (backupState) {
            flags |= AuthenticatorData.BIT_BS;
        }
        return (byte) flags;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String base64Url(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    /**
     * What the relying party asked for in {@code create()}, plus knobs that make the response
     * deviate. Start from {@link #of} and adjust with the {@code with*} methods.
     *
     * @param challenge base64url challenge copied into clientDataJSON
     * @param origin origin reported in clientDataJSON, e.g. {@code http://localhost:8080}
     * @param rpId relying-party id; its SHA-256 becomes the rpIdHash
     * @param type clientDataJSON type, {@code webauthn.create} by default
     * @param userPresent UP flag, default true
     * @param userVerified UV flag, default true
     * @param backupEligible BE flag, default false
     * @param backupState BS flag, default false
     * @param userHandle user.id from the options; returned later in assertions (default: 16 random bytes)
     * @param noneWithStatement fmt {@code none} but a non-empty attStmt ({@code {"alg": <alg>}})
     * @param format when set, this fmt with an empty attStmt replaces the real statement
     * @param truncateAttestationObject cut the CBOR attestationObject to half its length
     */
    public record RegistrationInput(
            String challenge, String origin, String rpId, String type,
            boolean userPresent, boolean userVerified, boolean backupEligible, boolean backupState,
            byte[] userHandle, boolean noneWithStatement, @Nullable String format,
            boolean truncateAttestationObject) {

        public RegistrationInput {
            Objects.requireNonNull(challenge, "challenge");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(rpId, "rpId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(userHandle, "userHandle");
        }

        public static RegistrationInput of(String challenge, String origin, String rpId) {
            return new RegistrationInput(challenge, origin, rpId, CREATE, true, true, false, false,
                    randomBytes(16), false, null, false);
        }

        public RegistrationInput withChallenge(String challenge) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withOrigin(String origin) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withRpId(String rpId) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withType(String type) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withUserPresent(boolean userPresent) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withUserVerified(boolean userVerified) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withBackupEligible(boolean backupEligible) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withBackupState(boolean backupState) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withUserHandle(byte[] userHandle) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withNoneWithStatement(boolean noneWithStatement) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withFormat(@Nullable String format) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }

        public RegistrationInput withTruncateAttestationObject(boolean truncateAttestationObject) {
            return new RegistrationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, userHandle, noneWithStatement, format, truncateAttestationObject);
        }
    }

    /**
     * What the relying party asked for in {@code get()}, plus knobs that make the response
     * deviate. Start from {@link #of} and adjust with the {@code with*} methods.
     *
     * @param challenge base64url challenge copied into clientDataJSON
     * @param origin origin reported in clientDataJSON, e.g. {@code http://localhost:8080}
     * @param rpId relying-party id; its SHA-256 becomes the rpIdHash
     * @param type clientDataJSON type, {@code webauthn.get} by default
     * @param userPresent UP flag, default true
     * @param userVerified UV flag, default true
     * @param backupEligible BE flag, default false
     * @param backupState BS flag, default false
     * @param includeUserHandle send userHandle at all (default true; omitted anyway if none is known)
     * @param userHandleOverride send this instead of the handle remembered from registration
     * @param corruptSignature flip a bit in the last byte of the otherwise valid signature
     * @param zeroSignature send the DER ECDSA signature r = 0, s = 0 instead of signing
     * @param trailingBytesAfterAuthenticatorData append 4 bytes to authenticatorData (ED flag unset)
     *     and sign the extended data, so only the leftover bytes are wrong
     * @param credentialIdOverride put this in id and rawId instead of the real credential id
     */
    public record AuthenticationInput(
            String challenge, String origin, String rpId, String type,
            boolean userPresent, boolean userVerified, boolean backupEligible, boolean backupState,
            boolean includeUserHandle, byte @Nullable [] userHandleOverride, boolean corruptSignature,
            boolean zeroSignature, boolean trailingBytesAfterAuthenticatorData,
            byte @Nullable [] credentialIdOverride, @Nullable CollectedClientAdditionalPaymentData payment) {

        public AuthenticationInput {
            Objects.requireNonNull(challenge, "challenge");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(rpId, "rpId");
            Objects.requireNonNull(type, "type");
        }

        public static AuthenticationInput of(String challenge, String origin, String rpId) {
            return new AuthenticationInput(challenge, origin, rpId, GET, true, true, false, false,
                    true, null, false, false, false, null, null);
        }

        public AuthenticationInput withChallenge(String challenge) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withOrigin(String origin) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withRpId(String rpId) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withType(String type) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withUserPresent(boolean userPresent) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withUserVerified(boolean userVerified) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withBackupEligible(boolean backupEligible) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withBackupState(boolean backupState) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withIncludeUserHandle(boolean includeUserHandle) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withUserHandleOverride(byte @Nullable [] userHandleOverride) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withCorruptSignature(boolean corruptSignature) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withZeroSignature(boolean zeroSignature) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withTrailingBytesAfterAuthenticatorData(boolean trailingBytes) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytes, credentialIdOverride, payment);
        }

        public AuthenticationInput withCredentialIdOverride(byte @Nullable [] credentialIdOverride) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }

        public AuthenticationInput withPayment(@Nullable CollectedClientAdditionalPaymentData payment) {
            return new AuthenticationInput(challenge, origin, rpId, type, userPresent, userVerified,
                    backupEligible, backupState, includeUserHandle, userHandleOverride, corruptSignature,
                    zeroSignature, trailingBytesAfterAuthenticatorData, credentialIdOverride, payment);
        }
    }
}
