package io.biometriccore.sessions.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.biometriccore.shared.PublicUrl;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.PublishedKey;
import io.biometriccore.keys.SigningKey;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.sessions.AccessTokenClaims;
import io.biometriccore.sessions.Session;
import io.biometriccore.sessions.TokenCheck;
import io.biometriccore.sessions.TokenRejection;
import io.biometriccore.shared.SecureRandoms;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: JWTs (RFC 9068 {@code at+jwt}) signed ES256 with the tenant's
 * active key. Verification admits ES256 only, before any key is looked up, so {@code alg: none} and
 * HMAC-with-the-public-key confusion never reach a verifier; the {@code kid} must be a key of this
 * tenant that still verifies. Key-carrying headers ({@code jwk}, {@code jku}, {@code x5u},
 * {@code x5c}) are never read.
 */
@Component
public class AccessTokens {

    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final SigningKeys keys;
    private final Clock clock;
    private final PublicUrl publicUrl;

    AccessTokens(SigningKeys keys, Clock clock, PublicUrl publicUrl) {
        this.keys = keys;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** The {@code iss} of a tenant's tokens. */
    public String issuer(String tenantId) {
        return publicUrl.issuer(tenantId);
    }

    public String issue(Session session, Duration lifetime) {
        SigningKey key = keys.active(session.tenantId(), KeyPurpose.TOKEN);
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer(session.tenantId()))
                .subject(session.userHandle())
                .audience(session.tenantId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(SecureRandoms.base64Url(16))
                .claim("sid", session.id().toString())
                .claim("auth_time", session.authTime().getEpochSecond())
                .claim("acr", session.acr())
                .claim("amr", session.amr());
        if (session.dpopJkt() != null) {
            claims.claim("cnf", Map.of("jkt", session.dpopJkt()));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(AT_JWT).build(),
                claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /** Signature, header and claims; not the session's state (see {@code Sessions}). */
    public TokenCheck verify(String tenantId, String token) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            return new TokenCheck.Invalid(TokenRejection.MALFORMED);
        }
        if (!(parsed instanceof SignedJWT jwt) || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            return new TokenCheck.Invalid(TokenRejection.ALGORITHM_NOT_ALLOWED);
        }
        JWSHeader header = jwt.getHeader();
        if (!AT_JWT.equals(header.getType())) {
            return new TokenCheck.Invalid(TokenRejection.TYPE_NOT_ALLOWED);
        }
        Optional<PublishedKey> key = header.getKeyID() == null ? Optional.empty()
                : keys.verificationKey(tenantId, KeyPurpose.TOKEN, header.getKeyID());
        if (key.isEmpty()) {
            return new TokenCheck.Invalid(TokenRejection.KEY_UNKNOWN);
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(key.get().publicJwk()))) {
                return new TokenCheck.Invalid(TokenRejection.SIGNATURE_INVALID);
            }
            return checkClaims(tenantId, jwt.getJWTClaimsSet());
        } catch (JOSEException e) {
            return new TokenCheck.Invalid(TokenRejection.SIGNATURE_INVALID);
        } catch (ParseException | IllegalArgumentException | ClassCastException e) {
            return new TokenCheck.Invalid(TokenRejection.MALFORMED);
        }
    }

    private TokenCheck checkClaims(String tenantId, JWTClaimsSet claims) throws ParseException {
        Instant now = clock.instant();
        if (!issuer(tenantId).equals(claims.getIssuer())) {
            return new TokenCheck.Invalid(TokenRejection.ISSUER_MISMATCH);
        }
        if (claims.getAudience() == null || !claims.getAudience().equals(List.of(tenantId))) {
            return new TokenCheck.Invalid(TokenRejection.AUDIENCE_MISMATCH);
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        String sid = claims.getStringClaim("sid");
        Long authTime = claims.getLongClaim("auth_time");
        String acr = claims.getStringClaim("acr");
        List<String> amr = claims.getStringListClaim("amr");
        if (exp == null || iat == null || sid == null || authTime == null || acr == null || amr == null
                || claims.getSubject() == null || claims.getJWTID() == null) {
            return new TokenCheck.Invalid(TokenRejection.CLAIMS_MISSING);
        }
        if (!now.isBefore(exp.toInstant())) {
            return new TokenCheck.Invalid(TokenRejection.EXPIRED);
        }
        if (iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            return new TokenCheck.Invalid(TokenRejection.ISSUED_IN_FUTURE);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            return new TokenCheck.Invalid(TokenRejection.NOT_YET_VALID);
        }
        Map<String, Object> cnf = claims.getJSONObjectClaim("cnf");
        String jkt = cnf == null ? null : String.valueOf(cnf.get("jkt"));
        return new TokenCheck.Valid(new AccessTokenClaims(claims.getIssuer(), claims.getSubject(), tenantId,
                exp.toInstant(), iat.toInstant(), claims.getJWTID(), UUID.fromString(sid),
                Instant.ofEpochSecond(authTime), acr, amr, jkt));
    }
}
