package io.biometriccore.sessions;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.LoopbackIssuer;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The tenant's authorization-server metadata (RFC 8414) at the path-insertion URL of its issuer: its
 * fields, that its issuer is the tokens' {@code iss} to the character, that the endpoints it names
 * work, that it follows the tenant's settings, and that openid-client (Node) discovers it and refreshes
 * at the token endpoint it found. The Node fixture's modules are installed by bin/test.
 */
class AuthorizationServerMetadataIT extends PostgresIntegrationTest {

    private static final String TENANT = "meta-bank";
    private static final Path NODE_FIXTURE = Path.of("src", "test", "node", "discovery");

    @DynamicPropertySource
    static void reachableIssuer(DynamicPropertyRegistry registry) {
        LoopbackIssuer.register(registry);
    }

    private BankFixture bank;
    private JsonNode tokens;
    private String issuer;

    @BeforeEach
    void signedIn() {
        bank = BankFixture.create(api, TENANT, Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
        tokens = bank.tokens(phone, username);
        issuer = LoopbackIssuer.issuer(port, TENANT);
    }

    @Test
    void theDocumentHasTheRfc8414FieldsAndTheIssuerOfTheTokens() throws Exception {
        Response response = metadata(TENANT);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode document = response.json();
        assertThat(document.path("issuer").asString())
                .isEqualTo(SignedJWT.parse(tokens.path("access_token").asString()).getJWTClaimsSet().getIssuer())
                .isEqualTo(issuer);
        assertThat(document.path("jwks_uri").asString()).isEqualTo(issuer + "/.well-known/jwks.json");
        assertThat(document.path("token_endpoint").asString()).isEqualTo(issuer + "/token");
        assertThat(document.path("introspection_endpoint").asString()).isEqualTo(issuer + "/introspect");
        assertThat(strings(document, "grant_types_supported")).containsExactly("refresh_token");
        assertThat(strings(document, "token_endpoint_auth_methods_supported")).containsExactly("none");
        assertThat(strings(document, "response_types_supported")).isEmpty();
        assertThat(strings(document, "dpop_signing_alg_values_supported"))
                .containsExactly("ES256", "ES384", "ES512", "PS256", "RS256");
        assertThat(strings(document, "acr_values_supported")).containsExactly("aal1", "aal2", "aal3");
        assertThat(document.propertyNames()).doesNotContain("authorization_endpoint",
                "introspection_endpoint_auth_methods_supported", "userinfo_endpoint", "id_token_signing_alg_values_supported");
    }

    @Test
    void theDpopAlgorithmsAreTheOnesARefusedProofIsToldToUse() {
        Response refused = api.form(bank.path("/token"), Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.path("refresh_token").asString()), "DPoP", "not-a-proof");

        assertProblem(refused, 401, "dpop_proof_invalid");
        assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).hasValue("DPoP error=\"invalid_dpop_proof\", algs=\""
                + String.join(" ", strings(metadata(TENANT).json(), "dpop_signing_alg_values_supported")) + "\"");
    }

    @Test
    void itMayBeCachedForFiveMinutes() {
        assertThat(metadata(TENANT).raw().headers().firstValue("Cache-Control")).hasValue("max-age=300, public");
    }

    @Test
    void theEndpointsItNamesAnswerAsItSays() {
        JsonNode document = metadata(TENANT).json();

        Response jwks = api.get(URI.create(document.path("jwks_uri").asString()).getPath());
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().path("keys").size()).isPositive();
        Response introspected = api.form(URI.create(document.path("introspection_endpoint").asString()).getPath(),
                Map.of("token", tokens.path("access_token").asString()), "Authorization", "Bearer " + bank.apiKey());
        assertThat(introspected.json().path("active").asBoolean()).isTrue();
        assertThat(introspected.json().path("iss").asString()).isEqualTo(document.path("issuer").asString());
    }

    @Test
    void aTenantChangeShowsInTheDocument() {
        api.putTenant(TENANT, Map.of("rpId", TenantFixture.RP_ID, "rpName", "Example Bank",
                "allowedOrigins", List.of(TenantFixture.ORIGIN), "openEnrollment", false,
                "sessions", Map.of("sensitiveActionAcr", "strong", "assuranceLevels", List.of(
                        Map.of("name", "basic", "userVerification", false, "deviceBound", false, "hardwareAttestation", false),
                        Map.of("name", "strong", "userVerification", true, "deviceBound", true, "hardwareAttestation", false)))));

        assertThat(strings(metadata(TENANT).json(), "acr_values_supported")).containsExactly("basic", "strong");
    }

    @Test
    void anUnknownTenantIsANotFoundProblem() {
        assertProblem(metadata("no-such-bank"), 404, "tenant_not_found");
    }

    @Test
    void openIdClientDiscoversTheTenantAndRefreshesAtTheTokenEndpointItFound() throws Exception {
        NodeRun run = node(issuer, tokens.path("refresh_token").asString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode discovered = ApiClient.JSON.readTree(run.stdout());
        JsonNode metadata = discovered.path("metadata");
        assertThat(metadata.path("issuer").asString()).isEqualTo(issuer);
        assertThat(metadata.path("jwks_uri").asString()).isEqualTo(issuer + "/.well-known/jwks.json");
        assertThat(metadata.path("token_endpoint").asString()).isEqualTo(issuer + "/token");
        assertThat(metadata.path("introspection_endpoint").asString()).isEqualTo(issuer + "/introspect");
        assertThat(discovered.path("refreshed").path("token_type").asString()).isEqualToIgnoringCase("bearer");
        assertThat(discovered.path("refreshed").path("has_access_token").asBoolean()).isTrue();
        assertThat(discovered.path("refreshed").path("has_refresh_token").asBoolean()).isTrue();
    }

    @Test
    void openIdClientFindsNothingForAnUnknownTenant() throws Exception {
        NodeRun run = node(LoopbackIssuer.issuer(port, "no-such-bank"), null);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("unexpected HTTP response status code", "OAUTH_RESPONSE_IS_NOT_CONFORM");
    }

    private Response metadata(String tenantId) {
        return api.get("/.well-known/oauth-authorization-server/v1/tenants/" + tenantId);
    }

    private static List<String> strings(JsonNode document, String field) {
        JsonNode array = document.path(field);
        assertThat(array.isArray()).as("%s is an array", field).isTrue();
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private record NodeRun(int exitCode, String stdout, String stderr) {
    }

    /** Runs the fixture's discover.mjs; bin/test installs its node_modules (npm ci). */
    private static NodeRun node(String issuer, String refreshToken) throws IOException, InterruptedException {
        assertThat(NODE_FIXTURE.resolve("node_modules").resolve("openid-client")).as(
                "openid-client is not installed in %s: run bin/test, or npm ci there", NODE_FIXTURE).isDirectory();
        List<String> command = new ArrayList<>(List.of("node", "discover.mjs", issuer));
        if (refreshToken != null) {
            command.add(refreshToken);
        }
        Path stdout = Files.createTempFile("discover", ".out");
        Path stderr = Files.createTempFile("discover", ".err");
        Process process = new ProcessBuilder(command).directory(NODE_FIXTURE.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node discover.mjs did not finish");
        }
        return new NodeRun(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
