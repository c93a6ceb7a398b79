package io.biometriccore.testkit;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * The customers of a benchmark database, each derived from a seed and an index alone: the seeder
 * writes customer {@code i} with its credential, and the load generator signs in as customer
 * {@code i} by deriving the same private key. Nothing is stored between the two.
 *
 * <p>Every value is {@code HMAC-SHA256(key = seed as 8 big-endian bytes, message = "<purpose>:" + index)}:
 * the P-256 private scalar is that value reduced into [1, n-1] ({@code "credential-key"}); the credential
 * id ({@code "credential-id"}) and the user handle ({@code "user-handle"}) are its 32 bytes; the customer
 * and device ids ({@code "customer-id"}, {@code "device-id"}) its first 16 bytes as a version-4 UUID. The
 * username is {@code bench-<index>}. Two seeds give unrelated customers but the same usernames, so a
 * tenant holds the customers of one seed. Thread-safe.
 */
public final class SeededCustomers {

    /** Customer {@code i} is {@code bench-<i>}. */
    public static final String USERNAME_PREFIX = "bench-";

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    /** Held once: the fixed-point multiplier caches its precomputed table on this point. */
    private static final ECPoint GENERATOR = P256.getG();
    private static final BigInteger N_MINUS_ONE = P256.getN().subtract(BigInteger.ONE);
    private static final int COORDINATE_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    public SeededCustomers(long seed) {
        this.key = new SecretKeySpec(ByteBuffer.allocate(Long.BYTES).putLong(seed).array(), HMAC);
    }

    /** Customer {@code index}: the same for the same seed, on any machine, every time. */
    public SeededCustomer customer(long index) {
        BigInteger privateScalar = new BigInteger(1, derive("credential-key", index)).mod(N_MINUS_ONE)
                .add(BigInteger.ONE);
        ECPoint publicPoint = new FixedPointCombMultiplier().multiply(GENERATOR, privateScalar).normalize();
        return new SeededCustomer(index, USERNAME_PREFIX + index, derive("user-handle", index), credentialId(index),
                customerId(index), deviceId(index), privateScalar,
                coordinate(publicPoint.getAffineXCoord().toBigInteger()),
                coordinate(publicPoint.getAffineYCoord().toBigInteger()));
    }

    /** {@link SeededCustomer#customerId()} of customer {@code index}, without deriving the key. */
    public UUID customerId(long index) {
        return uuid(derive("customer-id", index));
    }

    /** {@link SeededCustomer#deviceId()} of customer {@code index}, without deriving the key. */
    public UUID deviceId(long index) {
        return uuid(derive("device-id", index));
    }

    /** {@link SeededCustomer#credentialId()} of customer {@code index}, without deriving the key. */
    public byte[] credentialId(long index) {
        return derive("credential-id", index);
    }

    private byte[] derive(String purpose, long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal((purpose + ":" + index).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] coordinate(BigInteger value) {
        return BigIntegers.asUnsignedByteArray(COORDINATE_BYTES, value);
    }

    /** RFC 9562 version 4 layout, as {@link UUID#randomUUID()} makes them. */
    private static UUID uuid(byte[] bytes) {
        byte[] b = Arrays.copyOf(bytes, 16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(b);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
