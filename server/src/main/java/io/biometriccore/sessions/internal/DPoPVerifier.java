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
import io.biometriccore.sessions.DPoPProof;
import io.biometriccore.sessions.SessionProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Secrets;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Verifies DPoP proofs (RFC 9449 §4.3) and answers the proof key's JWK SHA-256 thumbprint (RFC 7638),
 * which becomes the token's {@code cnf.jkt}. Each {@code jti} is accepted once per key within the
 * proof's lifetime: a table shared by all nodes remembers them.
 */
@Component
public class DPoPVerifier {

    private static final JOSEObjectType DPOP_JWT = new JOSEObjectType("dpop+jwt");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.PS256, JWSAlgorithm.RS256);
    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PublicUrl publicUrl;

    DPoPVerifier(JdbcClient jdbc, Clock clock, PublicUrl publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /**
     * @return the thumbprint of the proof's key
     * @throws ApiException {@code dpop_proof_invalid}, with what is wrong in the detail
     */
    public String verify(DPoPProof presented) {
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
        remember(jkt, claims.getJWTID());
        return jkt;
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
    private void remember(String jkt, String jti) {
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                INSERT INTO dpop_proof (jkt, jti, expires_at) VALUES (:jkt, :jti, :expires) ON CONFLICT DO NOTHING""")
                .param("jkt", jkt).param("jti", jti).param("expires", utc(now.plus(WINDOW.multipliedBy(2))))
                .update();
        if (inserted == 0) {
            throw invalid("this proof was used before");
        }
    }

    @Scheduled(fixedDelayString = "${biometric.dpop.purge-interval:PT5M}")
    void purge() {
        jdbc.sql("DELETE FROM dpop_proof WHERE expires_at < :now").param("now", utc(clock.instant()))
                .update();
    }

    private static ApiException invalid(String detail) {
        return new ApiException(SessionProblem.DPOP_PROOF_INVALID, "DPoP proof: " + detail, java.util.Map.of(),
                java.util.Map.of("WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\", algs=\"ES256 ES384 ES512 PS256 RS256\""));
    }
}
