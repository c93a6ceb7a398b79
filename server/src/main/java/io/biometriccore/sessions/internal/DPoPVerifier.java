package io.biometriccore.sessions.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.biometriccore.shared.PublicUrl;
import io.biometriccore.sessions.DPoPProof;
import io.biometriccore.sessions.VerifiedProof;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import java.math.BigInteger;
import io.biometriccore.sessions.SessionProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Secrets;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Verifies DPoP proofs (RFC 9449 §4.3) and answers the proof key's JWK SHA-256 thumbprint (RFC 7638),
 * which becomes the token's {@code cnf.jkt}. Each {@code jti} is accepted once per key within the
 * proof's lifetime: a table shared by all nodes remembers them. Checking a proof changes nothing;
 * {@link #spend} remembers its {@code jti}, and callers spend it only once the request would otherwise
 * succeed (docs/adr/0025). A proof's key must be one we can verify at a bounded cost: EC on the curve
 * of its algorithm, or RSA of 2048 to 4096 bits with the exponent 65537.
 */
@Component
public class DPoPVerifier {

    private static final JOSEObjectType DPOP_JWT = new JOSEObjectType("dpop+jwt");
    /** In the order the metadata and {@code WWW-Authenticate} name them. */
    static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.PS256, JWSAlgorithm.RS256);
    private static final String ALGORITHM_NAMES = String.join(" ",
            ALGORITHMS.stream().map(JWSAlgorithm::getName).toList());
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 4096;
    private static final BigInteger RSA_EXPONENT = BigInteger.valueOf(65537);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PublicUrl publicUrl;
    private final ApplicationEventPublisher events;

    DPoPVerifier(JdbcClient jdbc, Clock clock, PublicUrl publicUrl, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.events = events;
    }

    /**
     * Checks the proof's signature and claims; remembers nothing. A rejected proof is audited as
     * {@code dpop_proof.rejected}.
     *
     * @throws ApiException {@code dpop_proof_invalid}, with what is wrong in the detail
     */
    public VerifiedProof check(String tenantId, DPoPProof presented) {
        try {
            return checked(presented);
        } catch (ApiException e) {
            events.publishEvent(SecurityEvent.failure(tenantId, SecurityEventType.DPOP_PROOF_REJECTED,
                    e.problem().code()).build());
            throw e;
        }
    }

    private VerifiedProof checked(DPoPProof presented) {
        SignedJWT proof;
        JWTClaimsSet claims;
        try {
            proof = SignedJWT.parse(presented.proof());
            claims = proof.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("the proof is not a signed JWT");
        }
        if (!DPOP_JWT.equals(proof.getHeader().getType())) {
            throw invalid("typ must be dpop+jwt");
        }
        if (!ALGORITHMS.contains(proof.getHeader().getAlgorithm())) {
            throw invalid("alg must be an asymmetric algorithm (ES256, ES384, ES512, PS256, RS256)");
        }
        JWK jwk = proof.getHeader().getJWK();
        if (jwk == null || jwk.isPrivate() || !(jwk instanceof AsymmetricJWK asymmetric)) {
            throw invalid("jwk must be the public key of the proof");
        }
        requireAcceptableKey(proof.getHeader().getAlgorithm(), jwk);
        try {
            Key key = asymmetric.toPublicKey();
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(proof.getHeader(), key);
            if (!proof.verify(verifier)) {
                throw invalid("the signature is not valid");
            }
        } catch (JOSEException e) {
            throw invalid("the signature cannot be verified");
        }
        checkClaims(claims, presented);
        String jkt;
        try {
            jkt = jwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw invalid("the key has no thumbprint");
        }
        return new VerifiedProof(jkt, claims.getJWTID());
    }

    /**
     * Before the key is used: a curve that is not the algorithm's, or an RSA key whose size or
     * exponent makes verification slow (a huge exponent costs the server, not the sender), is refused.
     */
    static void requireAcceptableKey(JWSAlgorithm alg, JWK jwk) {
        if (JWSAlgorithm.Family.EC.contains(alg)) {
            if (!(jwk instanceof ECKey ec) || !Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
                throw invalid("jwk must be an EC key on the curve of " + alg);
            }
            return;
        }
        if (!(jwk instanceof RSAKey rsa)) {
            throw invalid("jwk must be an RSA key for " + alg);
        }
        int bits = rsa.getModulus().decodeToBigInteger().bitLength();
        if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS
                || !RSA_EXPONENT.equals(rsa.getPublicExponent().decodeToBigInteger())) {
            throw invalid("jwk must be an RSA key of " + MIN_RSA_BITS + " to " + MAX_RSA_BITS
                    + " bits with the public exponent 65537");
        }
    }

    /**
     * Spends a checked proof: its {@code jti} is accepted once per key. Call it in the transaction
     * that completes the request, so that a request refused later does not burn the proof. A second
     * use is a replay, audited as {@code dpop_proof.replayed}.
     *
     * @throws ApiException {@code dpop_proof_invalid}
     */
    public void spend(String tenantId, VerifiedProof proof) {
        if (!remember(proof.jkt(), proof.jti())) {
            events.publishEvent(SecurityEvent.failure(tenantId, SecurityEventType.DPOP_PROOF_REPLAYED,
                    SessionProblem.DPOP_PROOF_INVALID.code()).build());
            throw invalid("this proof was used before");
        }
    }

    private void checkClaims(JWTClaimsSet claims, DPoPProof presented) {
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > 128) {
            throw invalid("jti is required (at most 128 characters)");
        }
        Object htm = claims.getClaim("htm");
        Object htu = claims.getClaim("htu");
        if (!presented.method().equals(htm)) {
            throw invalid("htm must be " + presented.method());
        }
        if (!publicUrl.of(presented.path()).equals(htu)) {
            throw invalid("htu must be " + publicUrl.of(presented.path()));
        }
        Instant now = clock.instant();
        if (claims.getIssueTime() == null || claims.getIssueTime().toInstant().isBefore(now.minus(WINDOW))
                || claims.getIssueTime().toInstant().isAfter(now.plus(WINDOW))) {
            throw invalid("iat must be within a minute of the server's time");
        }
        if (presented.accessToken() != null) {
            String ath = Base64URL.encode(Secrets.sha256(presented.accessToken())).toString();
            if (!ath.equals(claims.getClaim("ath"))) {
                throw invalid("ath must be the SHA-256 of the access token");
            }
        }
    }

    /** Single use per key: a second proof with the same jti is a replay. */
    private boolean remember(String jkt, String jti) {
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                INSERT INTO dpop_proof (jkt, jti, expires_at) VALUES (:jkt, :jti, :expires) ON CONFLICT DO NOTHING""")
                .param("jkt", jkt).param("jti", jti).param("expires", utc(now.plus(WINDOW.multipliedBy(2))))
                .update();
        return inserted > 0;
    }

    @Scheduled(fixedDelayString = "${biometric.dpop.purge-interval:PT5M}")
    void purge() {
        jdbc.sql("DELETE FROM dpop_proof WHERE expires_at < :now").param("now", utc(clock.instant()))
                .update();
    }

    private static ApiException invalid(String detail) {
        return new ApiException(SessionProblem.DPOP_PROOF_INVALID, "DPoP proof: " + detail, java.util.Map.of(),
                java.util.Map.of("WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\", algs=\"" + ALGORITHM_NAMES + "\""));
    }
}
