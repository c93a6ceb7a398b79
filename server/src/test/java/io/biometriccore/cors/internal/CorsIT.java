package io.biometriccore.cors.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * CORS through real preflights and cross-origin requests (ADR 0029): the client API answers the tenant's
 * web origins exactly; foreign origins, app origins, other methods and headers, and every other route get
 * no {@code Access-Control-Allow-*} header, a refused preflight being {@code 403 cors_not_allowed}.
 */
class CorsIT extends PostgresIntegrationTest {

    private static final Path CONTRACT = Path.of("..", "api", "openapi.yaml");
    private static final Set<String> CLIENT_TAGS = Set.of("client", "tokens", "self-service", "cross-channel",
            "transaction-approval");
    private static final Set<String> OTHER_TAGS = Set.of("backend", "fido2-conformance", "admin", "audit", "siem",
            "demo", "operations", "relying-party", "discovery", "contract", "transactions", "metadata", "policy");
    private static final String WEB = "https://login.bank.example";
    private static final String LOCAL = "http://localhost:5173";
    private static final String RELATED = "https://bank-brand.example";
    private static final String APP = "android:apk-key-hash:" + "A".repeat(43);
    private static final String FOREIGN = "https://evil.example";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    private String tenant;

    @BeforeEach
    void tenantWithWebAppAndRelatedOrigins() {
        tenant = "cors-" + UUID.randomUUID().toString().substring(0, 8);
        api.putTenant(tenant, Map.of("rpId", "bank.example", "rpName", "Example Bank", "openEnrollment", true,
                "conformanceProfile", true, "policy", Map.of("allowNoneAttestation", true),
                "allowedOrigins", List.of(WEB, APP, Map.of("origin", RELATED, "related", true))));
    }

    @Test
    void clientRoutesAreExactlyTheContractsClientApiOperations() {
        assertThat(ClientRoutes.of(handlerMapping.getHandlerMethods()).operations())
                .isNotEmpty().isEqualTo(contractOperationsTagged(CLIENT_TAGS));
    }

    @Test
    void everyOperationOfTheContractIsInOneRouteClassOrTheOther() {
        OpenAPI contract = new OpenAPIV3Parser().read(CONTRACT.toString());
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                assertThat(operation.getTags()).as(method + " " + path).hasSize(1)
                        .allMatch(tag -> CLIENT_TAGS.contains(tag) != OTHER_TAGS.contains(tag))));
    }

    @Test
    void preflightFromTheTenantsWebOriginIsAllowedForExactlyThatOrigin() {
        Response answer = preflight(client("/authentication/options"), WEB, "POST", "content-type,authorization,dpop");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(header(answer, "Access-Control-Allow-Origin")).isEqualTo(WEB);
        assertThat(values(answer, "Access-Control-Allow-Methods")).containsExactly("POST");
        assertThat(values(answer, "Access-Control-Allow-Headers")).map(v -> v.toLowerCase(Locale.ROOT))
                .containsExactlyInAnyOrder("content-type", "authorization", "dpop");
        assertThat(header(answer, "Access-Control-Max-Age")).isEqualTo("600");
        assertThat(answer.raw().headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(values(answer, "Vary")).contains("Origin");
    }

    @Test
    void preflightFromALocalhostOriginIsAllowed() {
        String local = tenant + "-local";
        api.putTenant(local, Map.of("rpId", "localhost", "rpName", "Local", "allowedOrigins", List.of(LOCAL)));

        Response answer = preflight("/v1/tenants/" + local + "/registration/options", LOCAL, "POST", "content-type");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(header(answer, "Access-Control-Allow-Origin")).isEqualTo(LOCAL);
    }

    @Test
    void preflightFromARelatedOriginIsAllowed() {
        Response answer = preflight(client("/authentication/verify"), RELATED, "POST", "content-type");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(header(answer, "Access-Control-Allow-Origin")).isEqualTo(RELATED);
    }

    @Test
    void preflightOfEachClientApiPartIsAllowed() {
        assertThat(preflight(client("/token"), WEB, "POST", "dpop").status()).isEqualTo(200);
        assertThat(preflight(client("/me/devices"), WEB, "GET", "authorization").status()).isEqualTo(200);
        assertThat(preflight(client("/me/devices/d1"), WEB, "PATCH", "authorization,content-type").status())
                .isEqualTo(200);
        assertThat(preflight(client("/me/activity"), WEB, "GET", "authorization").status()).isEqualTo(200);
        assertThat(preflight(client("/cross-channel"), WEB, "POST", "content-type").status()).isEqualTo(200);
        assertThat(preflight(client("/.well-known/jwks.json"), WEB, "GET", null).status()).isEqualTo(200);
    }

    @Test
    void preflightFromAForeignOriginIsRefused() {
        assertRefused(preflight(client("/authentication/options"), FOREIGN, "POST", "content-type"));
    }

    @Test
    void preflightFromAnOriginThatOnlyResemblesTheTenantsIsRefused() {
        assertRefused(preflight(client("/authentication/options"), WEB + ":443", "POST", "content-type"));
        assertRefused(preflight(client("/authentication/options"), "http://login.bank.example", "POST", null));
        assertRefused(preflight(client("/authentication/options"), "null", "POST", null));
    }

    @Test
    void preflightFromTheTenantsAndroidAppOriginIsRefused() {
        assertRefused(preflight(client("/authentication/options"), APP, "POST", "content-type"));
    }

    @Test
    void preflightForAMethodTheRouteDoesNotAnswerIsRefused() {
        assertRefused(preflight(client("/authentication/options"), WEB, "DELETE", null));
        assertRefused(preflight(client("/me/devices"), WEB, "POST", "authorization"));
    }

    @Test
    void preflightAskingForAHeaderTheClientApiDoesNotReadIsRefused() {
        assertRefused(preflight(client("/authentication/options"), WEB, "POST", "content-type,x-api-key"));
        assertRefused(preflight(client("/authentication/options"), WEB, "POST", "cookie"));
    }

    @Test
    void preflightForATenantThatDoesNotExistIsRefused() {
        assertRefused(preflight("/v1/tenants/no-such-tenant/authentication/options", WEB, "POST", "content-type"));
    }

    @Test
    void preflightToTheBackendApiIsRefusedFromTheTenantsOwnOrigin() {
        assertRefused(preflight(client("/customers"), WEB, "POST", "authorization,content-type"));
        assertRefused(preflight(client("/introspect"), WEB, "POST", "authorization"));
        assertRefused(preflight(client("/customers/c1/activity"), WEB, "GET", "authorization"));
    }

    @Test
    void preflightToTheAdminApiIsRefusedFromTheTenantsOwnOrigin() {
        assertRefused(preflight("/v1/admin/tenants/" + tenant, WEB, "PUT", "authorization,content-type"));
        assertRefused(preflight("/v1/admin/tenants/" + tenant + "/audit/events", WEB, "GET", "authorization"));
    }

    @Test
    void preflightToTheConformanceProfileAndTheRelatedOriginsDocumentIsRefused() {
        assertRefused(preflight(client("/fido2/attestation/options"), WEB, "POST", "content-type"));
        assertRefused(preflight(client("/webauthn-related-origins"), WEB, "GET", null));
    }

    @Test
    void crossOriginRequestFromTheTenantsOriginMayBeReadWithItsExposedHeaders() {
        Response answer = api.post(client("/authentication/options"), Map.of(), "Origin", WEB);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(header(answer, "Access-Control-Allow-Origin")).isEqualTo(WEB);
        assertThat(values(answer, "Access-Control-Expose-Headers"))
                .containsExactlyInAnyOrder("Retry-After", "WWW-Authenticate", "X-Correlation-Id");
        assertThat(answer.raw().headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(values(answer, "Vary")).contains("Origin");
    }

    @Test
    void crossOriginRequestFromAForeignOriginGetsNoCorsHeaders() {
        Response answer = api.post(client("/authentication/options"), Map.of(), "Origin", FOREIGN);

        assertThat(answer.status()).isEqualTo(200);
        assertNoCorsHeaders(answer);
        assertThat(values(answer, "Vary")).contains("Origin");
    }

    @Test
    void requestWithoutAnOriginStillVariesByOrigin() {
        Response answer = api.get(client("/.well-known/jwks.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertNoCorsHeaders(answer);
        assertThat(values(answer, "Vary")).contains("Origin");
    }

    @Test
    void backendAndAdminRequestsFromTheTenantsOriginGetNoCorsHeaders() {
        Response backend = api.get(client("/customers/c1/devices"), "Origin", WEB);
        Response admin = api.get("/v1/admin/tenants/" + tenant, "Origin", WEB,
                "Authorization", "Bearer " + ADMIN_KEY);

        assertProblem(backend, 401, "api_key_missing");
        assertNoCorsHeaders(backend);
        assertThat(admin.status()).isEqualTo(200);
        assertNoCorsHeaders(admin);
    }

    private String client(String suffix) {
        return "/v1/tenants/" + tenant + suffix;
    }

    private Response preflight(String path, String origin, String method, @Nullable String requestHeaders) {
        List<String> headers = new ArrayList<>(List.of("Origin", origin,
                "Access-Control-Request-Method", method));
        if (requestHeaders != null) {
            headers.addAll(List.of("Access-Control-Request-Headers", requestHeaders));
        }
        return api.send("OPTIONS", path, null, headers.toArray(String[]::new));
    }

    private static void assertRefused(Response answer) {
        assertProblem(answer, 403, "cors_not_allowed");
        assertNoCorsHeaders(answer);
        assertThat(values(answer, "Vary")).contains("Origin");
    }

    private static void assertNoCorsHeaders(Response answer) {
        assertThat(answer.raw().headers().map().keySet())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    }

    private static String header(Response answer, String name) {
        return answer.raw().headers().firstValue(name).orElse("");
    }

    /** A header's comma-separated values, over all its lines. */
    private static List<String> values(Response answer, String name) {
        HttpHeaders headers = answer.raw().headers();
        return headers.allValues(name).stream().flatMap(line -> Arrays.stream(line.split(",")))
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static Set<String> contractOperationsTagged(Set<String> tags) {
        OpenAPI contract = new OpenAPIV3Parser().read(CONTRACT.toString());
        Set<String> operations = new TreeSet<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getTags() != null && operation.getTags().stream().anyMatch(tags::contains)) {
                operations.add(method.name() + " " + path);
            }
        }));
        return operations;
    }
}
