package io.biometriccore.sessions;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.biometriccore.audit.internal.FailureAggregator;
import java.math.BigInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sender-constrained tokens (RFC 9449): a DPoP proof at sign-in binds the session's tokens to its key. */
class DPoPIT extends PostgresIntegrationTest {

    private static final String PUBLIC_URL = "https://auth.bank.example";

    /**
     * The RSA key of RFC 7638 §3.1 (its private exponent from RFC 7517 Appendix A.2) and the thumbprint
     * the RFC gives for it: a known answer, not one computed the way the server computes it.
     */
    private static final RSAKey RFC_7638_KEY = new RSAKey.Builder(new Base64URL(
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86z"
            + "wu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5Js"
            + "GY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMic"
            + "AtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-"
            + "bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csF"
            + "Cur-kEgU8awapJzKnqDKgw"),
            new Base64URL("AQAB")).privateExponent(new Base64URL(
            "X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7dx5oo7GURk"
            + "nchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6NqXSzUvxT0_YSfqijwp3RTzlBaCxW"
            + "p4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywbReAdYaMwFs9tv8d_cPVY3i07a3t"
            + "8MN6TNwm0dSawm9v47UiCl3Sk5ZiG7xojPLu4sbg1U2jx4IBTNBznbJSzFHK66jT"
            + "8bgkuqsk0GjskDJk19Z4qwjwbsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0"
            + "Y6mqnOYtqc0X4jfcKoAC8Q")).build();

    private static final String RFC_7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;
    private ECKey appKey;

    @Autowired
    private FailureAggregator aggregator;

    @Autowired
    private JdbcClient jdbc;

    @BeforeEach
    void enrolled() throws Exception {
        bank = BankFixture.create(api, "dpop-bank", Map.of(), Map.of());
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
        appKey = new ECKeyGenerator(Curve.P_256).generate();
    }

    @Test
    void aProofAtSignInBindsTheTokensToTheKey() throws Exception {
        Response signedIn = signInWith(rsaProof(RFC_7638_KEY, RFC_7638_KEY,
                claims("POST", bank.path("/authentication/verify"), null)));
        BankFixture.require(signedIn, 200);
        JsonNode tokens = signedIn.json();

        assertThat(tokens.path("token_type").asString()).isEqualTo("DPoP");
        assertThat(SignedJWT.parse(tokens.path("access_token").asString()).getJWTClaimsSet()
                .getJSONObjectClaim("cnf")).containsEntry("jkt", RFC_7638_THUMBPRINT);
        JsonNode introspection = bank.introspect(tokens.path("access_token").asString()).json();
        assertThat(introspection.path("token_type").asString()).isEqualTo("DPoP");
        assertThat(introspection.path("cnf").path("jkt").asString()).isEqualTo(RFC_7638_THUMBPRINT);
    }

    @Test
    void aBoundTokenIsUsableOnlyWithAProofByItsKey() throws Exception {
        String token = boundSignIn().path("access_token").asString();
        String path = bank.path("/me/devices");

        Response asBearer = api.get(path, "Authorization", "Bearer " + token);
        assertThat(asBearer.status()).isEqualTo(401);
        assertCode(asBearer, "dpop_key_mismatch");

        Response otherKey = api.get(path, "Authorization", "DPoP " + token,
                "DPoP", proof(new ECKeyGenerator(Curve.P_256).generate(), "GET", path, token));
        assertCode(otherKey, "dpop_key_mismatch");

        Response withProof = api.get(path, "Authorization", "DPoP " + token, "DPoP", proof(appKey, "GET", path, token));
        assertThat(withProof.status()).as(withProof.body()).isEqualTo(200);
    }

    @Test
    void aReplayedOrMisdirectedProofIsRefused() throws Exception {
        String token = boundSignIn().path("access_token").asString();
        String path = bank.path("/me/devices");
        String proof = proof(appKey, "GET", path, token);
        assertThat(api.get(path, "Authorization", "DPoP " + token, "DPoP", proof).status()).isEqualTo(200);

        assertProblem(api.get(path, "Authorization", "DPoP " + token, "DPoP", proof), 401, "dpop_proof_invalid");
        assertProblem(api.get(path, "Authorization", "DPoP " + token, "DPoP", proof(appKey, "POST", path, token)),
                401, "dpop_proof_invalid");
        assertProblem(api.get(path, "Authorization", "DPoP " + token, "DPoP",
                proof(appKey, "GET", bank.path("/me/sessions"), token)), 401, "dpop_proof_invalid");
        assertProblem(api.get(path, "Authorization", "DPoP " + token, "DPoP", proof(appKey, "GET", path, "other")),
                401, "dpop_proof_invalid");
        assertProblem(api.get(path, "Authorization", "DPoP " + token), 401, "dpop_proof_invalid");
    }

    @Test
    void aProofMustBeAsymmetricAndCarryOnlyAPublicKey() throws Exception {
        String path = bank.path("/authentication/verify");
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(appKey.toPublicJWK()).build(), claims("POST", path, null));
        hmac.sign(new MACSigner(new byte[32]));
        assertProblem(signInWith(hmac.serialize()), 401, "dpop_proof_invalid");

        assertProblem(signInWith(withPrivateKeyInHeader(claims("POST", path, null))), 401, "dpop_proof_invalid");
    }

    @Test
    void theRefreshTokenOfABoundSessionNeedsAProofByTheKey() throws Exception {
        String refreshToken = boundSignIn().path("refresh_token").asString();
        String path = bank.path("/token");

        Response withoutProof = bank.refresh(refreshToken);
        assertThat(withoutProof.status()).isEqualTo(401);
        assertCode(withoutProof, "dpop_key_mismatch");

        Response refreshed = api.form(path, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                "DPoP", proof(appKey, "POST", path, null));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().path("token_type").asString()).isEqualTo("DPoP");
    }

    @Test
    void aProofSentWithAFailingAssertionIsNotSpent() throws Exception {
        String proof = proof(appKey, "POST", bank.path("/authentication/verify"), null);
        String challenge = api.post(bank.path("/authentication/options"), Map.of("username", username)).json()
                .path("challenge").asString();
        assertProblem(api.post(bank.path("/authentication/verify"), phone.authenticate(AuthenticationInput.of(challenge,
                TenantFixture.ORIGIN, TenantFixture.RP_ID).withCorruptSignature(true)), "DPoP", proof), 400,
                "signature_invalid");

        Response signedIn = signInWith(proof);

        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().path("token_type").asString()).isEqualTo("DPoP");
        assertProblem(signInWith(proof), 401, "dpop_proof_invalid");
    }

    @Test
    void aProofSentWithAnInvalidRefreshTokenIsNotSpent() throws Exception {
        String refreshToken = boundSignIn().path("refresh_token").asString();
        String path = bank.path("/token");
        String proof = proof(appKey, "POST", path, null);
        assertProblem(api.form(path, Map.of("grant_type", "refresh_token", "refresh_token", "rt_" + "A".repeat(43)),
                "DPoP", proof), 401, "refresh_token_invalid");

        Response refreshed = api.form(path, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                "DPoP", proof);

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    }

    @Test
    void aReplayedProofIsAuditedAsAReplay() throws Exception {
        String token = boundSignIn().path("access_token").asString();
        String path = bank.path("/me/devices");
        String proof = proof(appKey, "GET", path, token);
        assertThat(api.get(path, "Authorization", "DPoP " + token, "DPoP", proof).status()).isEqualTo(200);
        aggregator.flush();
        long mark = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();

        assertProblem(api.get(path, "Authorization", "DPoP " + token, "DPoP", proof), 401, "dpop_proof_invalid");
        assertProblem(api.get(path, "Authorization", "DPoP " + token, "DPoP", proof), 401, "dpop_proof_invalid");
        aggregator.flush();

        assertThat(jdbc.sql("""
                SELECT event_type, reason, occurrences FROM audit_event WHERE tenant_id = :tenant AND id > :mark""")
                .param("tenant", bank.tenantId()).param("mark", mark)
                .query((rs, row) -> rs.getString("event_type") + " " + rs.getString("reason") + " "
                        + rs.getInt("occurrences")).list())
                .containsExactly("dpop_proof.replayed dpop_proof_invalid 2");
        Asserted.event("dpop_proof.replayed");
    }

    @Test
    void aProofKeyThatIsCostlyOrOffItsCurveIsRefused() throws Exception {
        String path = bank.path("/authentication/verify");
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        RSAKey hugeExponent = new RSAKey.Builder(rsa.getModulus(),
                Base64URL.encode(BigInteger.TWO.pow(4096).add(BigInteger.ONE))).build();
        RSAKey small = new RSAKeyGenerator(1024, true).generate();
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();

        Response huge = signInWith(rsaProof(rsa, hugeExponent, claims("POST", path, null)));
        assertProblem(huge, 401, "dpop_proof_invalid");
        assertThat(huge.json().path("detail").asString()).contains("exponent 65537");
        assertProblem(signInWith(rsaProof(small, small.toPublicJWK(), claims("POST", path, null))), 401,
                "dpop_proof_invalid");
        SignedJWT offCurve = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("dpop+jwt")).jwk(p384.toPublicJWK()).build(), claims("POST", path, null));
        offCurve.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));
        assertProblem(signInWith(offCurve.serialize()), 401, "dpop_proof_invalid");
        assertThat(signInWith(rsaProof(rsa, rsa.toPublicJWK(), claims("POST", path, null))).status()).isEqualTo(200);
    }

    @Test
    void withoutAProofTokensAreBearerTokens() {
        JsonNode tokens = bank.tokens(phone, username);

        assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(bank.introspect(tokens.path("access_token").asString()).json().has("cnf")).isFalse();
    }

    private JsonNode boundSignIn() throws Exception {
        Response response = signInWith(proof(appKey, "POST", bank.path("/authentication/verify"), null));
        BankFixture.require(response, 200);
        return response.json();
    }

    private Response signInWith(String proof) {
        String challenge = api.post(bank.path("/authentication/options"), Map.of("username", username)).json()
                .path("challenge").asString();
        return api.post(bank.path("/authentication/verify"),
                phone.authenticate(AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID)),
                "DPoP", proof);
    }

    /** Signed by {@code signer}, naming {@code named} as its key. */
    private static String rsaProof(RSAKey signer, RSAKey named, JWTClaimsSet claims) throws Exception {
        SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(named.toPublicJWK()).build(), claims);
        proof.sign(new RSASSASigner(signer.toPrivateKey(), true));
        return proof.serialize();
    }

    private static String proof(ECKey key, String method, String path, String accessToken) throws Exception {
        SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(), claims(method, path, accessToken));
        proof.sign(new ECDSASigner(key));
        return proof.serialize();
    }

    /** Nimbus will not put a private key in a header, so this proof is assembled by hand. */
    private String withPrivateKeyInHeader(JWTClaimsSet claims) throws Exception {
        Map<String, Object> header = Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", appKey.toJSONObject());
        String signingInput = Base64URL.encode(ApiClient.JSON.writeValueAsString(header)) + "."
                + Base64URL.encode(claims.toString());
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(appKey.toECPrivateKey());
        ecdsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(ECDSA.transcodeSignatureToConcat(ecdsa.sign(), 64));
    }

    private static JWTClaimsSet claims(String method, String path, String accessToken) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                .claim("htm", method).claim("htu", PUBLIC_URL + path).issueTime(new Date());
        if (accessToken != null) {
            claims.claim("ath", Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(StandardCharsets.UTF_8))).toString());
        }
        return claims.build();
    }
}
