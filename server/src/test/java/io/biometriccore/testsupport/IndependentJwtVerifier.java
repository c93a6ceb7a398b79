package io.biometriccore.testsupport;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Verifies access tokens the way a bank's resource server would, with a JOSE library that is not the
 * server's (Auth0 java-jwt, not Nimbus), configured from nothing but the tenant's JWKS document:
 * ES256 only, key chosen by {@code kid} among the JWKS's P-256 keys, {@code typ: at+jwt}, issuer,
 * audience and expiry checked at the given clock.
 */
public final class IndependentJwtVerifier {

    private final JWTVerifier verifier;

    public IndependentJwtVerifier(JsonNode jwks, String issuer, String audience, Clock clock) {
        Map<String, ECPublicKey> keys = new HashMap<>();
        for (JsonNode key : jwks.path("keys")) {
            if ("EC".equals(key.path("kty").asString()) && "P-256".equals(key.path("crv").asString())) {
                keys.put(key.path("kid").asString(), publicKey(key));
            }
        }
        Algorithm es256 = Algorithm.ECDSA256(new ECDSAKeyProvider() {
            @Override
            public ECPublicKey getPublicKeyById(String kid) {
                return kid == null ? null : keys.get(kid);
            }

            @Override
            public ECPrivateKey getPrivateKey() {
                return null;
            }

            @Override
            public String getPrivateKeyId() {
                return null;
            }
        });
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(es256).withIssuer(issuer).withAudience(audience)
                .withClaimPresence("sid").withClaimPresence("jti").acceptLeeway(0)).build(clock);
    }

    /** The verified token, or empty when anything about it is wrong. */
    public Optional<DecodedJWT> verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            return "at+jwt".equals(jwt.getType()) ? Optional.of(jwt) : Optional.empty();
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }

    private static ECPublicKey publicKey(JsonNode jwk) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECPoint point = new ECPoint(coordinate(jwk, "x"), coordinate(jwk, "y"));
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JWKS key " + jwk.path("kid").asString() + " is not a P-256 key", e);
        }
    }

    private static BigInteger coordinate(JsonNode jwk, String member) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path(member).asString()));
    }
}
