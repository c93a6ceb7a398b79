package io.biometriccore.backend.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.backend.RequiresScope;
import io.biometriccore.backend.Scope;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every operation of the bank backend API, as the contract lists it, refuses a missing, wrong,
 * revoked and under-scoped key, and a key of another tenant, with the exact problem code. A second
 * test keeps the contract's {@code x-required-scope} and the code's {@link RequiresScope} identical.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyAuthorizationIT extends PostgresIntegrationTest {

    private static final Path CONTRACT = Path.of("..", "api", "openapi.yaml");
    private static final OpenAPI OPENAPI = new OpenAPIV3Parser().read(CONTRACT.toString());

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    /** One backend operation of the contract. */
    record BackendOperation(String method, String path, String scope, String contentType) {
        @Override
        public String toString() {
            return method + " " + path + " (" + scope + ")";
        }
    }

    private BankFixture bank;
    private UUID customerId;
    private UUID deviceId;
    private String revokedKey;
    private String otherTenantsKey;

    @BeforeEach
    void keys() {
        bank = BankFixture.exemptFromAddressLimits(api, "keys-bank", Map.of(), Map.of());
        customerId = bank.enrolled("user" + System.nanoTime(), SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE));
        deviceId = bank.firstDevice(customerId);
        revokedKey = BankFixture.createApiKey(api, "keys-bank", BankFixture.ALL_SCOPES);
        String revokedId = revokedKey.substring(4, 20);
        BankFixture.require(api.admin("DELETE", "/v1/admin/tenants/keys-bank/api-keys/" + revokedId, null), 200);
        otherTenantsKey = BankFixture.create(api, "other-keys-bank", Map.of(), Map.of()).apiKey();
    }

    static Stream<BackendOperation> backendOperations() {
        List<BackendOperation> operations = new ArrayList<>();
        OPENAPI.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            Object scope = operation.getExtensions() == null ? null : operation.getExtensions().get("x-required-scope");
            if (scope != null) {
                operations.add(new BackendOperation(method.name(), path, scope.toString(), contentType(operation)));
            }
        }));
        return operations.stream();
    }

    @Test
    void theContractListsTheWholeBackendApi() {
        assertThat(backendOperations().count()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void theContractAndTheCodeAgreeOnEveryScope() {
        Set<String> inTheCode = new TreeSet<>();
        handlerMapping.getHandlerMethods().forEach((info, method) -> {
            RequiresScope scope = method.getMethodAnnotation(RequiresScope.class);
            if (scope != null) {
                info.getPathPatternsCondition().getPatternValues().forEach(p -> info.getMethodsCondition().getMethods()
                        .forEach(m -> inTheCode.add(m.name() + " " + p + " " + scope.value().wireName())));
            }
        });
        Set<String> inTheContract = backendOperations().map(o -> o.method() + " " + o.path() + " " + o.scope())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(inTheContract).isEqualTo(inTheCode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendOperations")
    void refusesEveryKeyThatIsNotValidForTheTenantAndScope(BackendOperation operation) throws Exception {
        assertRefused(operation, null, 401, "api_key_missing");
        assertRefused(operation, "bck_0123456789abcdef_" + "A".repeat(43), 401, "api_key_invalid");
        assertRefused(operation, "Basic dXNlcjpwYXNz", 401, "api_key_missing");
        assertRefused(operation, revokedKey, 401, "api_key_invalid");
        assertRefused(operation, otherTenantsKey, 401, "api_key_invalid");
        List<String> otherScopes = BankFixture.ALL_SCOPES.stream().filter(s -> !s.equals(operation.scope())).toList();
        assertRefused(operation, BankFixture.createApiKey(api, "keys-bank", otherScopes), 403, "api_key_scope_missing");
    }

    private void assertRefused(BackendOperation operation, String key, int status, String code) throws Exception {
        Response response = call(operation, key);
        assertThat(response.status()).as(operation + " with " + code + ": " + response.body()).isEqualTo(status);
        assertCode(response, code);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private Response call(BackendOperation operation, String key) throws Exception {
        String path = operation.path().replace("{tenantId}", "keys-bank")
                .replace("{customerId}", customerId.toString()).replace("{deviceId}", deviceId.toString())
                .replace("{sessionId}", UUID.randomUUID().toString())
                .replace("{transactionId}", UUID.randomUUID().toString());
        if (operation.path().equals("/v1/tenants/{tenantId}/customers") && operation.method().equals("GET")) {
            path += "?externalId=x";
        }
        String body = operation.contentType() == null ? "" : operation.contentType().contains("json") ? "{}" : "token=x";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(operation.method(), HttpRequest.BodyPublishers.ofString(body));
        if (operation.contentType() != null) {
            request.header("Content-Type", operation.contentType());
        }
        if (key != null) {
            request.header("Authorization", key.startsWith("Basic ") ? key : "Bearer " + key);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response);
    }

    private static String contentType(Operation operation) {
        return operation.getRequestBody() == null || operation.getRequestBody().getContent() == null ? null
                : operation.getRequestBody().getContent().keySet().iterator().next();
    }

    /** The scope names the contract uses are the code's. */
    @Test
    void theContractUsesOnlyKnownScopes() {
        Set<String> known = Stream.of(Scope.values()).map(Scope::wireName).collect(Collectors.toSet());
        assertThat(backendOperations().map(BackendOperation::scope)).allMatch(known::contains);
    }
}
