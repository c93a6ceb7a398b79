package io.biometriccore.risk.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.biometriccore.risk.BankContext;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.shared.ApiException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Verifies the bank's {@code context} (docs/risk.md "The bank's context"): a compact JWS signed ES256
 * by a context key of the tenant, for the tenant's issuer, short-lived and used once. The algorithm is
 * allow-listed before any key is looked up, and the key comes only from the tenant's registered ones by
 * {@code kid}: key-carrying headers ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are never read.
 * The {@code jti} is spent last, so that a refused context does not burn it.
 */
final class ContextVerifier {

    static final int MAX_LENGTH = 4096;
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    static final Duration LEEWAY = Duration.ofSeconds(30);

    /** The tenant's context keys, by kid. */
    @FunctionalInterface
    interface Keys {
        Optional<ECKey> find(String tenantId, String kid);
    }

    /** Spends a jti: false when it was spent before. */
    @FunctionalInterface
    interface Jtis {
        boolean spend(String tenantId, String jti, Instant keepUntil);
    }

    private final Keys keys;
    private final Jtis jtis;
    private final UnaryOperator<String> issuer;
    private final Clock clock;

    /** @param issuer a tenant's issuer by its id: the only {@code aud} its context may have */
    ContextVerifier(Keys keys, Jtis jtis, UnaryOperator<String> issuer, Clock clock) {
        this.keys = keys;
        this.jtis = jtis;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * @throws ApiException {@code context_malformed}, {@code context_signature_invalid},
     *                      {@code context_audience_mismatch}, {@code context_expired} or {@code context_replayed}
     */
    BankContext verify(String tenantId, String compact) {
        SignedJWT jws = parse(compact);
        String kid = requireSignature(tenantId, jws);
        JWTClaimsSet claims = claims(jws);
        if (claims.getAudience().size() != 1 || !claims.getAudience().contains(issuer.apply(tenantId))) {
            throw new ApiException(RiskProblem.CONTEXT_AUDIENCE_MISMATCH, "aud must be " + issuer.apply(tenantId));
        }
        Instant expiresAt = requireLifetime(claims);
        String jti = ContextClaims.jti(claims);
        BankContext context = ContextClaims.context(kid, expiresAt, claims);
        if (!jtis.spend(tenantId, jti, expiresAt.plus(LEEWAY))) {
            throw new ApiException(RiskProblem.CONTEXT_REPLAYED, "This context's jti was used before");
        }
        return context;
    }

    private static SignedJWT parse(String compact) {
        if (compact.isEmpty() || compact.length() > MAX_LENGTH) {
            throw ContextClaims.malformed("context must be a compact JWS of at most " + MAX_LENGTH + " characters");
        }
        try {
            return SignedJWT.parse(compact);
        } catch (ParseException e) {
            throw ContextClaims.malformed("context is not a compact JWS");
        }
    }

    /** @return the kid of the tenant's key that made the signature */
    private String requireSignature(String tenantId, SignedJWT jws) {
        JWSHeader header = jws.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw signatureInvalid("alg must be ES256");
        }
        String kid = header.getKeyID();
        ECKey key = (kid == null ? Optional.<ECKey>empty() : keys.find(tenantId, kid))
                .orElseThrow(() -> signatureInvalid("kid must name a context key of the tenant"));
        try {
            if (!jws.verify(new ECDSAVerifier(key))) {
                throw signatureInvalid("the signature does not verify with the context key " + kid);
            }
        } catch (JOSEException e) {
            throw signatureInvalid("the signature does not verify with the context key " + kid);
        }
        return kid;
    }

    private static JWTClaimsSet claims(SignedJWT jws) {
        try {
            return jws.getJWTClaimsSet();
        } catch (ParseException e) {
            throw ContextClaims.malformed("the context's payload is not a JSON claims set");
        }
    }

    private Instant requireLifetime(JWTClaimsSet claims) {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw ContextClaims.malformed("exp is required");
        }
        Instant now = clock.instant();
        Instant expiresAt = exp.toInstant();
        if (expiresAt.plus(LEEWAY).isBefore(now)) {
            throw new ApiException(RiskProblem.CONTEXT_EXPIRED, "The context expired at " + expiresAt);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(LEEWAY).isAfter(now)) {
            throw new ApiException(RiskProblem.CONTEXT_EXPIRED, "The context is not valid before " + nbf.toInstant());
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(LEEWAY))) {
            throw ContextClaims.malformed("exp must be at most 10 minutes ahead");
        }
        return expiresAt;
    }

    private static ApiException signatureInvalid(String detail) {
        return new ApiException(RiskProblem.CONTEXT_SIGNATURE_INVALID, detail);
    }
}
