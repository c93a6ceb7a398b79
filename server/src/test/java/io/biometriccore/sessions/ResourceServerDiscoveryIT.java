package io.biometriccore.sessions;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.LoopbackIssuer;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real resource server, configured the usual way from nothing but the token's {@code iss}: Spring
 * Security's {@code JwtDecoders.fromIssuerLocation}, which tries OpenID Connect discovery first (a
 * 404 here) and then the RFC 8414 path-insertion URL. It is given the validators Spring Boot's
 * {@code issuer-uri} + {@code audiences} configuration builds, plus {@code typ: at+jwt} (RFC 9068),
 * on the test's clock; then it accepts a genuine access token and refuses the others with the failing
 * validator's own error.
 */
@Import(MutableClockConfiguration.class)
class ResourceServerDiscoveryIT extends PostgresIntegrationTest {

    private static final String TENANT = "rs-bank";
    private static final String OTHER_TENANT = "rs-other-bank";

    @DynamicPropertySource
    static void reachableIssuer(DynamicPropertyRegistry registry) {
        LoopbackIssuer.register(registry);
    }

    @Autowired
    private MutableClock clock;

    @Value("${biometric.keys.directory}")
    private Path keyDirectory;

    @Value("${biometric.keys.keystore-password}")
    private String keystorePassword;

    private String issuer;
    private String genuine;
    private String otherTenantsToken;

    @BeforeEach
    void signedInAtTwoBanks() {
        issuer = LoopbackIssuer.issuer(port, TENANT);
        genuine = signIn(BankFixture.create(api, TENANT, Map.of(), Map.of()));
        otherTenantsToken = signIn(BankFixture.create(api, OTHER_TENANT, Map.of(), Map.of()));
    }

    @Test
    void fromIssuerLocationAcceptsAGenuineAccessToken() throws Exception {
        Jwt jwt = resourceServer().decode(genuine);

        assertThat(jwt.getIssuer()).hasToString(issuer);
        assertThat(jwt.getAudience()).containsExactly(TENANT);
        assertThat(jwt.getSubject()).isEqualTo(SignedJWT.parse(genuine).getJWTClaimsSet().getSubject());
        assertThat(jwt.getClaimAsString("acr")).isNotBlank();
    }

    @Test
    void theResourceServersAuthenticationProviderAuthenticatesTheBearer() {
        Authentication authenticated = new JwtAuthenticationProvider(resourceServer())
                .authenticate(new BearerTokenAuthenticationToken(genuine));

        assertThat(authenticated.isAuthenticated()).isTrue();
        assertThat(authenticated.getName()).isEqualTo(resourceServer().decode(genuine).getSubject());
    }

    @Test
    void refusesAnExpiredToken() {
        NimbusJwtDecoder decoder = resourceServer();
        clock.advance(Duration.ofMinutes(7));

        assertThat(validationErrors(decoder, genuine)).singleElement()
                .satisfies(error -> assertThat(error.getDescription()).startsWith("Jwt expired at "));
    }

    @Test
    void refusesATokenForAnotherAudience() throws Exception {
        String forAnotherBank = signedByTheServer(TENANT, SignedJWT.parse(genuine),
                claims -> claims.audience(OTHER_TENANT));

        assertThat(validationErrors(resourceServer(), forAnotherBank)).singleElement()
                .satisfies(error -> assertThat(error.getDescription()).isEqualTo("The aud claim is not valid"));
    }

    @Test
    void refusesAGenuineTokenOfAnotherTenant() {
        assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> resourceServer().decode(otherTenantsToken))
                .withMessageContaining("no matching key(s) found");
    }

    @Test
    void refusesATokenSignedWithAnotherTenantsKeyEvenWithThisTenantsClaims() throws Exception {
        String forged = signedByTheServer(OTHER_TENANT, SignedJWT.parse(otherTenantsToken),
                claims -> claims.issuer(issuer).audience(TENANT));

        assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> resourceServer().decode(forged))
                .withMessageContaining("no matching key(s) found");
        assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() ->
                new JwtAuthenticationProvider(resourceServer()).authenticate(new BearerTokenAuthenticationToken(forged)));
    }

    /**
     * Spring Security's defaults accept {@code typ} {@code JWT} or none, so a resource server must
     * admit {@code at+jwt} (RFC 9068 §4) itself: docs/api.md shows how.
     */
    @Test
    void theBareDefaultsRefuseTheRfc9068TypeSoTheTypeValidatorIsNeeded() {
        NimbusJwtDecoder bare = JwtDecoders.fromIssuerLocation(issuer);

        assertThat(validationErrors(bare, genuine)).singleElement().satisfies(error -> assertThat(
                error.getDescription()).isEqualTo("the given typ value needs to be one of [JWT]"));
    }

    @SendsBadInput("a path the contract lacks")
    @Test
    void thereIsNoOpenIdConnectDiscoveryDocument() {
        assertProblem(api.get("/v1/tenants/" + TENANT + "/.well-known/openid-configuration"), 404, "not_found");
        assertProblem(api.get("/.well-known/openid-configuration/v1/tenants/" + TENANT), 404, "not_found");
    }

    @Test
    void anUnknownIssuerCannotBeConfigured() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> JwtDecoders.fromIssuerLocation(LoopbackIssuer.issuer(port, "no-such-bank"))
                        .decode(genuine))
                .withMessageContaining("Unable to resolve the Configuration with the provided Issuer");
    }

    /** What {@code issuer-uri} and {@code audiences: <tenant>} configure, with {@code at+jwt} admitted. */
    private NimbusJwtDecoder resourceServer() {
        NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(timestamps,
                new JwtTypeValidator("at+jwt"), new JwtIssuerValidator(issuer), new JwtAudienceValidator(TENANT))));
        return decoder;
    }

    private static List<OAuth2Error> validationErrors(NimbusJwtDecoder decoder, String token) {
        try {
            decoder.decode(token);
        } catch (JwtValidationException refused) {
            return List.copyOf(refused.getErrors());
        }
        throw new AssertionError("the resource server accepted the token");
    }

    private String signIn(BankFixture bank) {
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
        return bank.tokens(phone, username).path("access_token").asString();
    }

    /** The token's claims, edited, signed as the server would with {@code tenantId}'s key on disk. */
    private String signedByTheServer(String tenantId, SignedJWT token, UnaryOperator<JWTClaimsSet.Builder> edit)
            throws Exception {
        String kid = token.getHeader().getKeyID();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid)
                .type(new JOSEObjectType("at+jwt")).build(),
                edit.apply(new JWTClaimsSet.Builder(token.getJWTClaimsSet())).build());
        jwt.sign(new ECDSASigner(serverKey(tenantId, kid)));
        return jwt.serialize();
    }

    private ECPrivateKey serverKey(String tenantId, String kid) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyDirectory.resolve(tenantId).resolve(kid + ".p12"))) {
            store.load(in, keystorePassword.toCharArray());
        }
        return (ECPrivateKey) store.getKey("key", keystorePassword.toCharArray());
    }
}
