package io.biometriccore.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.IndependentJwtVerifier;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Forged and stale access tokens. Each is refused by the introspection endpoint ({@code active:
 * false}), by the server's own check with the exact reason, and by an independent JOSE verifier
 * (Auth0 java-jwt) configured only from the JWKS.
 */
@Import(MutableClockConfiguration.class)
class AccessTokenRejectionIT extends PostgresIntegrationTest {

    private static final String TENANT = "jwt-bank";

    @Autowired
    private MutableClock clock;

    @Autowired
    private Sessions sessions;

    @Value("${biometric.keys.directory}")
    private Path keyDirectory;

    @Value("${biometric.keys.keystore-password}")
    private String keystorePassword;

    private BankFixture bank;
    private String genuine;
    private SignedJWT genuineJwt;

    @BeforeEach
    void signedIn() throws ParseException {
        bank = BankFixture.create(api, TENANT, Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
        genuine = bank.tokens(phone, username).path("access_token").asString();
        genuineJwt = SignedJWT.parse(genuine);
    }

    @Test
    void theGenuineTokenPassesAllThree() throws Exception {
        assertRejectedEverywhere(genuine, null);
    }

    @Test
    void algNoneIsRejected() {
        String none = new PlainJWT(claims(UnaryOperator.identity())).serialize();

        assertRejectedEverywhere(none, TokenRejection.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRejected() throws Exception {
        ECKey published = publishedKey();
        byte[] secret = published.toJSONString().getBytes(StandardCharsets.UTF_8);
        String confused = sign(new MACSigner(secret), JWSAlgorithm.HS256, published.getKeyID(), claims(UnaryOperator.identity()));

        assertRejectedEverywhere(confused, TokenRejection.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void algNoneInCapitalsIsRejected() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"NONE\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims(UnaryOperator.identity()).toString().getBytes(StandardCharsets.UTF_8));

        assertRejectedEverywhere(header + "." + payload + "." + b64.encodeToString(new byte[64]),
                TokenRejection.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void anEmbeddedJwkOrJkuHeaderIsIgnored() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .jwk(attacker.toPublicJWK()).jwkURL(java.net.URI.create("https://attacker.example/jwks.json"))
                .keyID("attacker").build(), claims(UnaryOperator.identity()));
        jwt.sign(new ECDSASigner(attacker));

        assertRejectedEverywhere(jwt.serialize(), TokenRejection.KEY_UNKNOWN);
    }

    @Test
    void aWrongIssuerIsRejected() throws Exception {
        assertRejectedEverywhere(signWithServerKey(genuineJwt.getHeader().getKeyID(),
                claims(b -> b.issuer("https://attacker.example/v1/tenants/" + TENANT))), TokenRejection.ISSUER_MISMATCH);
    }

    @Test
    void aTokenThatIsNotYetValidIsRejected() throws Exception {
        assertRejectedEverywhere(signWithServerKey(genuineJwt.getHeader().getKeyID(),
                claims(b -> b.notBeforeTime(Date.from(clock.instant().plus(Duration.ofMinutes(3)))))),
                TokenRejection.NOT_YET_VALID);
    }

    @Test
    void aTokenOfAnotherTypeIsRejected() throws Exception {
        String kid = genuineJwt.getHeader().getKeyID();
        SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid)
                .type(JOSEObjectType.JWT).build(), claims(UnaryOperator.identity()));
        idToken.sign(new ECDSASigner(serverKey(kid)));

        assertRejectedEverywhere(idToken.serialize(), TokenRejection.TYPE_NOT_ALLOWED);
    }

    @Test
    void aForgedKidIsRejected() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();

        assertRejectedEverywhere(sign(new ECDSASigner(attacker), JWSAlgorithm.ES256, "attacker",
                claims(UnaryOperator.identity())), TokenRejection.KEY_UNKNOWN);
    }

    @Test
    void anAttackerSignatureUnderTheRealKidIsRejected() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();

        assertRejectedEverywhere(sign(new ECDSASigner(attacker), JWSAlgorithm.ES256, genuineJwt.getHeader().getKeyID(),
                claims(UnaryOperator.identity())), TokenRejection.SIGNATURE_INVALID);
    }

    @Test
    void anExpiredTokenIsRejected() throws Exception {
        clock.advance(Duration.ofMinutes(6));

        assertRejectedEverywhere(genuine, TokenRejection.EXPIRED);
    }

    @Test
    void aWrongAudienceIsRejected() throws Exception {
        String otherAudience = signWithServerKey(genuineJwt.getHeader().getKeyID(),
                claims(b -> b.audience("another-bank")));

        assertRejectedEverywhere(otherAudience, TokenRejection.AUDIENCE_MISMATCH);
    }

    @Test
    void aRotatedOutKeyVerifiesDuringItsGraceAndNotAfter() throws Exception {
        String oldKid = genuineJwt.getHeader().getKeyID();
        JsonNode rotated = api.admin("POST", "/v1/admin/tenants/" + TENANT + "/signing-keys/rotate", null).json();
        assertThat(rotated.path("kid").asString()).isNotEqualTo(oldKid);
        assertThat(jwksKids()).contains(oldKid, rotated.path("kid").asString());
        assertThat(bank.introspect(genuine).json().path("active").asBoolean()).isTrue();

        clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        String lateToken = signWithServerKey(oldKid, claims(UnaryOperator.identity()));

        assertThat(jwksKids()).doesNotContain(oldKid);
        assertRejectedEverywhere(lateToken, TokenRejection.KEY_UNKNOWN);
    }

    @Test
    void aTokenThatIsNotAJwtIsMalformed() {
        assertRejectedEverywhere("not-a-jwt", TokenRejection.MALFORMED);
        assertRejectedEverywhere(genuine.substring(0, genuine.lastIndexOf('.')), TokenRejection.MALFORMED);
    }

    @Test
    void aTokenIssuedBeyondTheClockSkewIsRejected() throws Exception {
        Instant later = clock.instant().plus(Duration.ofSeconds(61));
        String early = signWithServerKey(genuineJwt.getHeader().getKeyID(), claims(b -> b.issueTime(Date.from(later))));

        assertRejectedEverywhere(early, TokenRejection.ISSUED_IN_FUTURE);
    }

    @Test
    void aTokenWithoutItsSessionIsMissingClaims() throws Exception {
        String withoutSession = signWithServerKey(genuineJwt.getHeader().getKeyID(),
                claims(b -> b.claim("sid", null)));

        assertRejectedEverywhere(withoutSession, TokenRejection.CLAIMS_MISSING);
    }

    @Test
    void aTokenOfARevokedSessionIsInactive() {
        api.form(bank.path("/sessions/" + sessionId() + "/revoke"), Map.of(), "Authorization", "Bearer " + bank.apiKey());

        assertThat(bank.introspect(genuine).json().path("active").asBoolean()).isFalse();
        assertThat(sessions.check(TENANT, genuine)).isEqualTo(new TokenCheck.Invalid(TokenRejection.SESSION_INACTIVE));
        Asserted.tokenRejection(TokenRejection.SESSION_INACTIVE);
    }

    private String sessionId() {
        try {
            return genuineJwt.getJWTClaimsSet().getStringClaim("sid");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code reason} null: the token must pass all three. */
    private void assertRejectedEverywhere(String token, TokenRejection reason) {
        boolean accepted = reason == null;
        assertThat(bank.introspect(token).json().path("active").asBoolean()).isEqualTo(accepted);
        TokenCheck check = sessions.check(TENANT, token);
        if (accepted) {
            assertThat(check).isInstanceOf(TokenCheck.Valid.class);
            assertThat(independentlyVerified(token)).isTrue();
        } else {
            assertThat(check).isEqualTo(new TokenCheck.Invalid(reason));
            assertThat(independentlyVerified(token)).isFalse();
            Asserted.tokenRejection(reason);
        }
    }

    /** Auth0 java-jwt, keyed only by the JWKS the server publishes, at the test clock's time. */
    private boolean independentlyVerified(String token) {
        return new IndependentJwtVerifier(api.get(bank.path("/.well-known/jwks.json")).json(),
                "https://auth.bank.example/v1/tenants/" + TENANT, TENANT, clock).verify(token).isPresent();
    }

    private java.util.List<String> jwksKids() throws ParseException {
        return JWKSet.parse(api.get(bank.path("/.well-known/jwks.json")).body()).getKeys().stream()
                .map(k -> k.getKeyID()).toList();
    }

    private ECKey publishedKey() throws ParseException {
        return (ECKey) JWKSet.parse(api.get(bank.path("/.well-known/jwks.json")).body())
                .getKeyByKeyId(genuineJwt.getHeader().getKeyID());
    }

    /** The genuine token's claims with fresh times from the test clock, changed by {@code edit}. */
    private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> edit) {
        try {
            Instant now = clock.instant();
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder(genuineJwt.getJWTClaimsSet())
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
            return edit.apply(builder).build();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs as the server would, with a private key read from the server's keystore on disk. */
    private String signWithServerKey(String kid, JWTClaimsSet claims) throws Exception {
        return sign(new ECDSASigner(serverKey(kid)),
                JWSAlgorithm.ES256, kid, claims);
    }

    /** The private key {@code kid} as the server's keystore on disk holds it: one PKCS#12 file per key. */
    private ECPrivateKey serverKey(String kid) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyDirectory.resolve(TENANT).resolve(kid + ".p12"))) {
            store.load(in, keystorePassword.toCharArray());
        }
        return (ECPrivateKey) store.getKey("key", keystorePassword.toCharArray());
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid)
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

}
