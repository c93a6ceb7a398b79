package io.biometriccore.bench.jmh;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One ES256 verify (what §7.2 step 20 costs a sign-in) and one ES256 sign (the access token), per JCA
 * provider: the JDK's SunEC, BouncyCastle, and Amazon Corretto Crypto Provider (AWS-LC, native). The
 * message is the size of authenticatorData plus the client data hash.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Es256Benchmark {

    @Param({"SunEC", "BC", "AmazonCorrettoCryptoProvider"})
    public String provider;

    private Provider jca;
    private KeyPair keys;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void keysAndSignature() throws GeneralSecurityException {
        jca = switch (provider) {
            case "SunEC" -> Signature.getInstance("SHA256withECDSA", "SunEC").getProvider();
            case "BC" -> new BouncyCastleProvider();
            case "AmazonCorrettoCryptoProvider" -> loaded(AmazonCorrettoCryptoProvider.INSTANCE);
            default -> throw new IllegalArgumentException(provider);
        };
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", jca);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        message = new byte[37 + 32];
        new SecureRandom().nextBytes(message);
        signature = sign();
    }

    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSA", jca);
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        return verifier.verify(signature);
    }

    @Benchmark
    public byte[] sign() throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withECDSA", jca);
        signer.initSign(keys.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    private static Provider loaded(AmazonCorrettoCryptoProvider accp) {
        Throwable failure = accp.getLoadingError();
        if (failure != null) {
            throw new IllegalStateException("Amazon Corretto Crypto Provider did not load here", failure);
        }
        return accp;
    }
}
