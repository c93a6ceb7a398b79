package io.biometriccore.sessions;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * DPoP proofs (RFC 9449) at sign-in: every algorithm the metadata advertises binds a session, and a
 * proof's {@code iat} must lie within a minute of the server's clock (§11.1), either way.
 */
@Import(MutableClockConfiguration.class)
class DPoPProofsIT extends PostgresIntegrationTest {

    private static final String TENANT = "dpop-proofs-bank";
    private static final String PUBLIC_URL = "https://auth.bank.example";

    @Autowired
    private MutableClock clock;

    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;

    @BeforeEach
    void enrolled() {
        bank = BankFixture.create(api, TENANT, Map.of(), Map.of());
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
    }

    @Test
    void everyAdvertisedAlgorithmSignsAProofThatBindsTheSession() throws Exception {
        List<String> advertised = new ArrayList<>();
        api.get("/.well-known/oauth-authorization-server/v1/tenants/" + TENANT).json()
                .path("dpop_signing_alg_values_supported").forEach(alg -> advertised.add(alg.asString()));
        assertThat(advertised).isNotEmpty();

        for (String name : advertised) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
            JWK key = keyFor(algorithm);
            Response signedIn = signInWith(proof(algorithm, key, clock.instant()));

            assertThat(signedIn.status()).as(name + ": " + signedIn.body()).isEqualTo(200);
            assertThat(signedIn.json().path("token_type").asString()).as(name).isEqualTo("DPoP");
            assertThat(SignedJWT.parse(signedIn.json().path("access_token").asString()).getJWTClaimsSet()
                    .getJSONObjectClaim("cnf")).as(name).containsKey("jkt");
            Asserted.dpopAlgorithm(name);
        }
    }

    /** 59 seconds, not 60: a JWT's {@code iat} is whole seconds, so the clock's fraction is cut off. */
    @Test
    void aProofIssuedWithinAMinuteEitherWayIsAccepted() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();

        assertThat(signInWith(proof(JWSAlgorithm.ES256, key, clock.instant().minusSeconds(59))).status())
                .isEqualTo(200);
        assertThat(signInWith(proof(JWSAlgorithm.ES256, key, clock.instant().plusSeconds(59))).status())
                .isEqualTo(200);
    }

    @Test
    void aProofIssuedMoreThanAMinuteAgoIsRefused() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        String stale = proof(JWSAlgorithm.ES256, key, clock.instant().minus(Duration.ofSeconds(61)));

        Response refused = signInWith(stale);

        assertProblem(refused, 401, "dpop_proof_invalid");
        assertThat(refused.json().path("detail").asString()).contains("iat");
    }

    @Test
    void aProofIssuedMoreThanAMinuteAheadIsRefused() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        String early = proof(JWSAlgorithm.ES256, key, clock.instant().plus(Duration.ofSeconds(61)));

        Response refused = signInWith(early);

        assertProblem(refused, 401, "dpop_proof_invalid");
        assertThat(refused.json().path("detail").asString()).contains("iat");
    }

    @Test
    void aProofThatWasFreshGoesStaleAsTheServersClockMovesOn() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        String proof = proof(JWSAlgorithm.ES256, key, clock.instant());
        clock.advance(Duration.ofSeconds(61));

        assertProblem(signInWith(proof), 401, "dpop_proof_invalid");
    }

    private static JWK keyFor(JWSAlgorithm algorithm) throws Exception {
        if (JWSAlgorithm.Family.EC.contains(algorithm)) {
            return new ECKeyGenerator(Curve.forJWSAlgorithm(algorithm).iterator().next()).generate();
        }
        return new RSAKeyGenerator(2048).generate();
    }

    private static String proof(JWSAlgorithm algorithm, JWK key, Instant issuedAt) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", "POST")
                .claim("htu", PUBLIC_URL + "/v1/tenants/" + TENANT + "/authentication/verify")
                .issueTime(Date.from(issuedAt)).build();
        SignedJWT proof = new SignedJWT(new JWSHeader.Builder(algorithm).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(), claims);
        JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
        proof.sign(signer);
        return proof.serialize();
    }

    private Response signInWith(String proof) {
        String challenge = api.post(bank.path("/authentication/options"), Map.of("username", username)).json()
                .path("challenge").asString();
        return api.post(bank.path("/authentication/verify"),
                phone.authenticate(AuthenticationInput.of(challenge, TenantFixture.ORIGIN, TenantFixture.RP_ID)),
                "DPoP", proof);
    }
}
