package io.biometriccore;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.ProblemCode;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * api/openapi.yaml is the contract, and these tests fail when it and the server disagree: about the
 * routes (Spring MVC's controllers and the static files, both ways; the contract's probes must answer),
 * about the problem codes and their HTTP statuses, about the shape of problems, and about the tenant
 * webhook's delivery (the contract's top-level {@code webhooks}, OpenAPI 3.1). api/management.yaml
 * is the management server's: each of its paths answers on the management port and on no other.
 */
@TestPropertySource(properties = "biometric.demo.enabled=true")
class ContractIT extends PostgresIntegrationTest {

    private static final Path CONTRACT = Path.of("..", "api", "openapi.yaml");
    private static final Path MANAGEMENT_CONTRACT = Path.of("..", "api", "management.yaml");
    /** The actuator's health groups on the public port; Spring MVC's handler mapping does not list them. */
    private static final Set<String> PROBES = Set.of("/livez", "/readyz");
    private static final String STATIC = "/static/";

    private static SwaggerParseResult parsed;
    private static OpenAPI contract;
    private static SwaggerParseResult managementParsed;

    @LocalManagementPort
    int managementPort;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @BeforeAll
    static void readContract() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIV3Parser().readLocation(CONTRACT.toString(), null, options);
        contract = parsed.getOpenAPI();
        managementParsed = new OpenAPIV3Parser().readLocation(MANAGEMENT_CONTRACT.toString(), null, options);
    }

    @Test
    void contractIsValidOpenApi() {
        assertThat(parsed.getMessages()).as("parser messages for %s", CONTRACT).isEmpty();
        assertThat(contract).isNotNull();
        assertThat(contract.getOpenapi()).startsWith("3.1.");
        assertThat(contract.getInfo().getTitle()).isEqualTo("Biometric Core");
        assertThat(contract.getInfo().getVersion()).isEqualTo("0.1.0");
    }

    @Test
    void everyRouteInTheCodeIsInTheContract() throws IOException {
        assertThat(contractRoutesOutsideTheProbes()).containsAll(routesInTheCode());
    }

    @Test
    void everyOperationInTheContractExistsInTheCode() throws IOException {
        assertThat(routesInTheCode()).containsAll(contractRoutesOutsideTheProbes());
    }

    @Test
    void everyProbeInTheContractAnswersGetWithOkOnThePublicPort() {
        Set<String> probes = contract.getPaths().keySet().stream()
                .filter(PROBES::contains).collect(Collectors.toCollection(TreeSet::new));

        assertThat(probes).isEqualTo(PROBES).allSatisfy(path -> assertThat(api.get(path).status())
                .as("GET %s", path).isEqualTo(200));
    }

    @Test
    void managementContractIsValidOpenApi() {
        assertThat(managementParsed.getMessages()).as("parser messages for %s", MANAGEMENT_CONTRACT).isEmpty();
        assertThat(managementParsed.getOpenAPI().getOpenapi()).startsWith("3.1.");
    }

    @Test
    void everyManagementPathAnswersGetWithOkOnTheManagementPortOnly() {
        ApiClient management = ApiClient.management(managementPort);
        Set<String> paths = managementParsed.getOpenAPI().getPaths().keySet();

        assertThat(paths).isNotEmpty().allSatisfy(path -> {
            assertThat(management.get(path).status()).as("GET %s on the management port", path).isEqualTo(200);
            assertProblem(api.badInput().get(path), 404, "not_found");
        });
    }

    /**
     * The other direction: each endpoint the actuator links from {@code /actuator} is a path of the
     * contract; a templated link ({@code /actuator/health/{*path}}, the health groups) has its instances there.
     */
    @Test
    void everyExposedActuatorEndpointIsInTheManagementContract() {
        JsonNode links = ApiClient.management(managementPort).get("/actuator").json().path("_links");
        Set<String> inTheContract = managementParsed.getOpenAPI().getPaths().keySet();
        List<String> missing = new ArrayList<>();
        links.propertyNames().forEach(name -> {
            String href = links.path(name).path("href").asString();
            String path = href.substring(href.indexOf("/actuator"));
            boolean declared = links.path(name).path("templated").asBoolean(false)
                    ? inTheContract.stream().anyMatch(p -> p.startsWith(path.substring(0, path.indexOf('{'))))
                    : inTheContract.contains(path);
            if (!declared) {
                missing.add(name + " " + path);
            }
        });

        assertThat(links.propertyNames()).contains("self", "health", "prometheus");
        assertThat(missing).isEmpty();
    }

    @Test
    void clientApiErrorsAreProblemsWithTheContractsMembers() {
        Response response = api.post("/v1/tenants/no-such-tenant/registration/options", Map.of("username", "alice"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertCode(response, "tenant_not_found");
        assertKeysAreProblemMembers(response.json());
    }

    @Test
    void adminApiRejectionsAreProblemsWithTheContractsMembers() {
        Response response = api.get("/v1/admin/tenants");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertCode(response, "unauthorized");
        assertKeysAreProblemMembers(response.json());
    }

    @Test
    void theWebhookDeliveryNamesEveryNotificationTypeItsHeadersAndItsBody() {
        var delivery = contract.getWebhooks().get("bankNotification").getPost();
        List<?> types = contract.getComponents().getSchemas().get("BankNotificationType").getEnum();

        assertThat(types).map(String::valueOf).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(BankNotificationType.values()).map(BankNotificationType::wireName).toList());
        assertThat(delivery.getParameters()).map(p -> p.getIn() + " " + p.getName()).containsExactlyInAnyOrder(
                "header X-Biometric-Signature", "header X-Biometric-Event-Id", "header X-Biometric-Event-Type");
        assertThat(delivery.getRequestBody().getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/BankNotification");
        assertThat(contract.getComponents().getSchemas().get("BankNotification").getRequired())
                .containsExactlyInAnyOrder("id", "type", "tenantId", "subject", "occurredAt", "data");
    }

    @Test
    void theContractNamesExactlyTheProblemCodesOfTheCode() {
        List<?> inTheContract = contract.getComponents().getSchemas().get("ProblemCode").getEnum();

        assertThat(inTheContract).map(String::valueOf)
                .containsExactlyInAnyOrderElementsOf(problemStatusesInTheCode().keySet());
    }

    @Test
    void everyErrorResponseListsItsCodesAndEachCodeHasThatStatus() {
        Map<String, Integer> statusOf = problemStatusesInTheCode();
        List<String> wrong = new ArrayList<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operation.getResponses().forEach((status, response) -> problemSchemaOf(response).ifPresent(problem -> {
                    String where = method + " " + path + " " + status;
                    List<String> codes = codesListedIn(problem);
                    if (codes.isEmpty()) {
                        wrong.add(where + " lists no code");
                    }
                    codes.stream().filter(code -> !status.equals(String.valueOf(statusOf.get(code))))
                            .forEach(code -> wrong.add(where + " lists " + code + ", which is " + statusOf.get(code)));
                }))));

        assertThat(wrong).isEmpty();
    }

    private void assertKeysAreProblemMembers(JsonNode body) {
        Schema<?> problem = contract.getComponents().getSchemas().get("Problem");
        Set<String> keys = body.propertyNames().stream().collect(Collectors.toSet());

        assertThat(problem.getProperties().keySet()).containsAll(keys);
        assertThat(keys).containsAll(problem.getRequired());
    }

    /**
     * Every {@link ProblemCode} enum of the server, code to HTTP status. Two modules may declare one code
     * (the app integrity routes' {@code challenge_mismatch} is the ceremonies'), never with two statuses.
     */
    private static Map<String, Integer> problemStatusesInTheCode() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(ProblemCode.class));
        return scanner.findCandidateComponents(BiometricCoreApplication.class.getPackageName()).stream()
                .map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(), null))
                .filter(Class::isEnum)
                .flatMap(type -> Arrays.stream(type.getEnumConstants()).map(ProblemCode.class::cast))
                .collect(Collectors.toMap(ProblemCode::code, ProblemCode::status, (one, other) -> {
                    if (!one.equals(other)) {
                        throw new IllegalStateException("a problem code declared with statuses " + one + " and " + other);
                    }
                    return one;
                }));
    }

    /** The schema of the response's {@code application/problem+json} content, if it has one. */
    private static Optional<Schema<?>> problemSchemaOf(ApiResponse response) {
        ApiResponse resolved = response.get$ref() == null ? response
                : contract.getComponents().getResponses().get(componentName(response.get$ref()));
        return Optional.ofNullable(resolved.getContent())
                .map(content -> content.get("application/problem+json"))
                .map(MediaType::getSchema);
    }

    /** The codes {@code allOf: [Problem, {properties: {code: {enum|const|$ref}}}]} narrows {@code code} to. */
    private static List<String> codesListedIn(Schema<?> problem) {
        List<Schema> parts = problem.getAllOf() == null ? List.of() : problem.getAllOf();
        return parts.stream()
                .map(part -> part.getProperties() == null ? null : (Schema<?>) part.getProperties().get("code"))
                .filter(Objects::nonNull)
                .map(ContractIT::resolved)
                .flatMap(code -> code.getConst() != null ? Stream.of(code.getConst()) : code.getEnum().stream())
                .map(String::valueOf)
                .toList();
    }

    private static Schema<?> resolved(Schema<?> schema) {
        return schema.get$ref() == null ? schema
                : contract.getComponents().getSchemas().get(componentName(schema.get$ref()));
    }

    private static String componentName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** "METHOD /path" for every controller route (Spring Boot's error controller aside) and static file. */
    private Set<String> routesInTheCode() throws IOException {
        Set<String> routes = new TreeSet<>();
        handlerMapping.getHandlerMethods().forEach((info, method) -> {
            if (!ErrorController.class.isAssignableFrom(method.getBeanType())) {
                routes.addAll(routesOf(info));
            }
        });
        routes.addAll(staticFiles());
        return routes;
    }

    private static Set<String> routesOf(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        Set<String> names = methods.isEmpty() ? Set.of("ANY")
                : methods.stream().map(RequestMethod::name).collect(Collectors.toSet());
        return info.getPathPatternsCondition().getPatternValues().stream()
                .flatMap(path -> names.stream().map(method -> method + " " + path))
                .collect(Collectors.toSet());
    }

    /** Spring Boot serves {@code classpath:static/**} at the root; there may be none. */
    private static Set<String> staticFiles() throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:static/**");
        return Arrays.stream(resources).filter(Resource::isReadable).map(ContractIT::uriOf)
                .map(uri -> "GET /" + uri.substring(uri.lastIndexOf(STATIC) + STATIC.length()))
                .collect(Collectors.toSet());
    }

    private static String uriOf(Resource resource) {
        try {
            return resource.getURI().toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> contractRoutesOutsideTheProbes() {
        Set<String> routes = new TreeSet<>();
        contract.getPaths().forEach((path, item) -> {
            if (!PROBES.contains(path)) {
                item.readOperationsMap().keySet().forEach(method -> routes.add(method.name() + " " + path));
            }
        });
        return routes;
    }
}
