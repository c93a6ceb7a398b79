package io.biometriccore.testkit;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.Curve;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Objects;
import java.util.UUID;

/**
 * One customer of {@link SeededCustomers}: who they are, and their one ES256 credential.
 *
 * @param index         the customer's number, from 0
 * @param username      {@code bench-<index>}
 * @param userHandle    the WebAuthn {@code user.id}, 32 bytes
 * @param credentialId  the credential id, 32 bytes
 * @param customerId    the customer's row id
 * @param deviceId      the id of the customer's one device
 * @param privateScalar the P-256 private key, in [1, n-1]
 * @param x             the public point's affine x, 32 bytes big-endian
 * @param y             the public point's affine y, 32 bytes big-endian
 */
public record SeededCustomer(long index, String username, byte[] userHandle, byte[] credentialId, UUID customerId,
        UUID deviceId, BigInteger privateScalar, byte[] x, byte[] y) {

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final ECParameterSpec P256 = p256();

    public SeededCustomer {
        Objects.requireNonNull(username, "username");
        userHandle = Objects.requireNonNull(userHandle, "userHandle").clone();
        credentialId = Objects.requireNonNull(credentialId, "credentialId").clone();
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(privateScalar, "privateScalar");
        x = Objects.requireNonNull(x, "x").clone();
        y = Objects.requireNonNull(y, "y").clone();
    }

    @Override
    public byte[] userHandle() {
        return userHandle.clone();
    }

    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    @Override
    public byte[] x() {
        return x.clone();
    }

    @Override
    public byte[] y() {
        return y.clone();
    }

    /**
     * The credential public key as a CBOR COSE_Key ({@code kty} EC2, {@code alg} ES256, {@code crv}
     * P-256, {@code x}, {@code y}), encoded by webauthn4j as the server stores a registered one.
     */
    public byte[] publicKeyCose() {
        var key = new EC2COSEKey(null, COSEAlgorithmIdentifier.ES256, null, Curve.SECP256R1, x, y);
        return CONVERTER.getCborConverter().writeValueAsBytes(key);
    }

    /** The credential's key pair as JDK keys. */
    public KeyPair keyPair() {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            return new KeyPair(
                    factory.generatePublic(new ECPublicKeySpec(
                            new ECPoint(new BigInteger(1, x), new BigInteger(1, y)), P256)),
                    factory.generatePrivate(new ECPrivateKeySpec(privateScalar, P256)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the P-256 key pair of customer " + index, e);
        }
    }

    /** An authenticator holding this customer's credential; its signature counter is always 0. */
    public SoftwareAuthenticator authenticator() {
        return SoftwareAuthenticator.restore(keyPair(), credentialId, userHandle);
    }

    /** Only the index: the rest is derived from it, and the private key must not end up in logs. */
    @Override
    public String toString() {
        return "SeededCustomer[" + index + "]";
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available", e);
        }
    }
}
