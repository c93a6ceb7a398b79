package io.biometriccore.shared.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.RawHttp;
import io.biometriccore.testsupport.RawHttp.Answer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Small HTTP conventions (ADR 30): TRACE is answered by no route, OPTIONS only by routes that exist, and
 * no {@code Allow} header anywhere lists TRACE. Raw requests, so that nothing between us and the server
 * normalises them.
 */
@TestPropertySource(properties = "biometric.demo.enabled=true")
class HttpMethodsIT extends PostgresIntegrationTest {

    private static final String JWKS = "/v1/tenants/methods/.well-known/jwks.json";
    private static final String SECRET_HEADER = "X-Echo-Probe: do-not-echo-7f3a";

    @LocalManagementPort
    int managementPort;

    @Test
    void traceOnARouteIsMethodNotAllowedWithTheRoutesAllowAndNoEcho() {
        Answer answer = send(port, "TRACE", JWKS, SECRET_HEADER);

        assertProblem(answer, 405, "method_not_allowed");
        assertThat(methods(answer)).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
        assertThat(answer.body()).doesNotContain("do-not-echo-7f3a");
    }

    @Test
    void traceOnAPathThatDoesNotExistIsNotFound() {
        Answer answer = send(port, "TRACE", "/no/such/path", SECRET_HEADER);

        assertProblem(answer, 404, "not_found");
        assertThat(answer.headers()).doesNotContainKey("allow");
        assertThat(answer.body()).doesNotContain("do-not-echo-7f3a");
    }

    @Test
    void traceOnTheManagementPortIsRefusedWithoutEcho() {
        Answer answer = send(managementPort, "TRACE", "/actuator/health", SECRET_HEADER);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(methods(answer)).doesNotContain("TRACE");
        assertThat(answer.body()).doesNotContain("do-not-echo-7f3a");
    }

    @Test
    void optionsOnARouteAnswersItsMethodsWithoutTrace() {
        Answer answer = send(port, "OPTIONS", JWKS);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(methods(answer)).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void optionsOnAPathThatDoesNotExistIsANotFoundProblem() {
        Answer answer = send(port, "OPTIONS", "/no/such/path");

        assertProblem(answer, 404, "not_found");
        assertThat(methods(answer)).doesNotContain("TRACE");
    }

    @Test
    void optionsOnAConformanceRouteAnswersOnlyOnATenantWithTheProfile() {
        api.putTenant("methods-plain", Map.of("rpId", "plain.example", "rpName", "Plain",
                "allowedOrigins", List.of("https://plain.example")));

        Answer withProfile = send(port, "OPTIONS", "/v1/tenants/demo/fido2/attestation/options");
        Answer without = send(port, "OPTIONS", "/v1/tenants/methods-plain/fido2/attestation/options");

        assertThat(withProfile.status()).isEqualTo(200);
        assertThat(methods(withProfile)).containsExactlyInAnyOrder("POST", "OPTIONS");
        assertProblem(without, 404, "conformance_profile_disabled");
    }

    @Test
    void wrongMethodIsMethodNotAllowedWithAnAllowWithoutTrace() {
        Answer answer = send(port, "DELETE", JWKS);

        assertProblem(answer, 405, "method_not_allowed");
        assertThat(methods(answer)).contains("GET").doesNotContain("TRACE");
    }

    /**
     * Over every path of the contract (the admin API's with the admin key, which it asks before anything
     * else, OPTIONS included): OPTIONS answers 200 with exactly the contract's methods (HEAD with
     * GET, and OPTIONS), TRACE 405 with the same {@code Allow}, and a method the path lacks 405 with an
     * {@code Allow} without TRACE.
     */
    @Test
    void noAllowOnAnyPathOfTheContractListsTraceAndOptionsListsTheContractsMethods() {
        List<String> wrong = new ArrayList<>();
        Map<String, PathItem> paths = contract().getPaths();
        paths.keySet().forEach(template -> {
            String path = template.replace("{tenantId}", "demo").replaceAll("\\{[^}]+}", "x1");
            Set<String> expected = expectedAllow(paths, path);
            String admin = path.startsWith("/v1/admin/") ? "Authorization: Bearer " + ADMIN_KEY : "X-Admin: none";
            Answer options = send(port, "OPTIONS", path, admin);
            Answer trace = send(port, "TRACE", path);
            check(wrong, "OPTIONS " + path, options, 200, expected);
            check(wrong, "TRACE " + path, trace, 405, expected);
            Arrays.stream(PathItem.HttpMethod.values()).map(Enum::name)
                    .filter(method -> !expected.contains(method) && !method.equals("TRACE")).findFirst()
                    .ifPresent(method -> {
                        Answer other = send(port, method, path, admin);
                        if (other.status() != 405 || methods(other).contains("TRACE") || methods(other).isEmpty()) {
                            wrong.add(method + " " + path + " -> " + other.status() + " Allow " + methods(other));
                        }
                    });
        });

        assertThat(wrong).isEmpty();
    }

    private static void check(List<String> wrong, String request, Answer answer, int status, Set<String> expected) {
        if (answer.status() != status || !methods(answer).equals(expected)) {
            wrong.add(request + " -> " + answer.status() + " Allow " + methods(answer) + ", expected " + status
                    + " Allow " + expected);
        }
    }

    /** The methods of every template of the contract the path matches ({@code /devices/revoke-all} two). */
    private static Set<String> expectedAllow(Map<String, PathItem> paths, String path) {
        Set<String> methods = paths.entrySet().stream()
                .filter(entry -> path.matches(entry.getKey().replaceAll("\\{[^}]+}", "[^/]+")))
                .flatMap(entry -> entry.getValue().readOperationsMap().keySet().stream()).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return methods;
    }

    private static Set<String> methods(Answer answer) {
        String allow = answer.headers().getOrDefault("allow", "");
        return Arrays.stream(allow.split(",")).map(String::strip).filter(method -> !method.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertCode(answer.code(), code);
    }

    private static Answer send(int port, String method, String path, String... headerLines) {
        StringBuilder request = new StringBuilder(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        String head = request.append("Connection: close\r\n").toString();
        return RawHttp.send(port, method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || method.equals("TRACE") ? head + "\r\n" : head + "Content-Length: 0\r\n\r\n");
    }

    private static OpenAPI contract() {
        return new OpenAPIV3Parser().read(Path.of("..", "api", "openapi.yaml").toString());
    }
}
