package io.biometriccore.sessions.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.biometriccore.sessions.SessionProblem;
import io.biometriccore.shared.ApiException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The keys a DPoP proof may carry: verifiable at a bounded cost, and of the proof's own algorithm. */
class DPoPProofKeyTests {

    private static final RSAKey RSA_2048 = rsa(2048);

    @Test
    void acceptsEcKeysOnTheirAlgorithmsCurve() throws Exception {
        assertThatCode(() -> DPoPVerifier.requireAcceptableKey(JWSAlgorithm.ES256, ec(Curve.P_256))).doesNotThrowAnyException();
        assertThatCode(() -> DPoPVerifier.requireAcceptableKey(JWSAlgorithm.ES384, ec(Curve.P_384))).doesNotThrowAnyException();
        assertThatCode(() -> DPoPVerifier.requireAcceptableKey(JWSAlgorithm.ES512, ec(Curve.P_521))).doesNotThrowAnyException();
    }

    @Test
    void rejectsAnEcKeyOnAnotherCurve() throws Exception {
        rejected(JWSAlgorithm.ES256, ec(Curve.P_384));
        rejected(JWSAlgorithm.ES512, ec(Curve.P_256));
    }

    @Test
    void rejectsAKeyOfAnotherTypeThanItsAlgorithm() throws Exception {
        rejected(JWSAlgorithm.ES256, RSA_2048);
        rejected(JWSAlgorithm.PS256, ec(Curve.P_256));
    }

    @Test
    void acceptsRsaKeysOf2048To4096BitsWithTheExponent65537() {
        assertThatCode(() -> DPoPVerifier.requireAcceptableKey(JWSAlgorithm.PS256, RSA_2048)).doesNotThrowAnyException();
        assertThatCode(() -> DPoPVerifier.requireAcceptableKey(JWSAlgorithm.RS256, withModulusBits(4096)))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAnRsaKeyWithAHugeExponent() {
        rejected(JWSAlgorithm.RS256, withExponent(BigInteger.TWO.pow(65536).add(BigInteger.ONE)));
    }

    @Test
    void rejectsAnRsaKeyWithASmallExponent() {
        rejected(JWSAlgorithm.RS256, withExponent(BigInteger.valueOf(3)));
    }

    @Test
    void rejectsAnRsaKeyTooShortOrTooLong() {
        rejected(JWSAlgorithm.RS256, withModulusBits(2047));
        rejected(JWSAlgorithm.PS256, withModulusBits(4097));
    }

    private static void rejected(JWSAlgorithm alg, JWK key) {
        assertThatThrownBy(() -> DPoPVerifier.requireAcceptableKey(alg, key)).isInstanceOfSatisfying(ApiException.class,
                e -> assertCode(e.problem(), SessionProblem.DPOP_PROOF_INVALID));
    }

    private static ECKey ec(Curve curve) throws Exception {
        return new ECKeyGenerator(curve).generate().toPublicJWK();
    }

    private static RSAKey rsa(int bits) {
        try {
            return new RSAKeyGenerator(bits).generate().toPublicJWK();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey withExponent(BigInteger exponent) {
        return new RSAKey.Builder(RSA_2048.getModulus(), Base64URL.encode(exponent)).build();
    }

    /** Only the key's size is checked before use, so an odd number of that many bits stands for a modulus. */
    private static RSAKey withModulusBits(int bits) {
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.ONE);
        return new RSAKey.Builder(Base64URL.encode(modulus), Base64URL.encode(BigInteger.valueOf(65537))).build();
    }
}
