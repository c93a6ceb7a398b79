package io.biometriccore.contract.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The contract at runtime: {@code /openapi.yaml} is {@code api/openapi.yaml} byte for byte,
 * {@code /openapi.json} the same document, both revalidated by ETag; {@code /docs/api} and its assets
 * carry a Content-Security-Policy of {@code 'self'} and {@code nosniff}; the WebJar's own paths and the
 * management contract are not served.
 */
class ContractServedIT extends PostgresIntegrationTest {

    private static final Path CONTRACT = Path.of("..", "api", "openapi.yaml");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheContractByteForByteAsInTheRepository() throws Exception {
        HttpResponse<byte[]> response = get("/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(response.body()).isEqualTo(Files.readAllBytes(CONTRACT));
    }

    @Test
    void servesTheContractAsJsonThatIsTheSameDocument() throws Exception {
        HttpResponse<byte[]> response = get("/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new ObjectMapper().readTree(response.body()))
                .isEqualTo(new YAMLMapper().readTree(Files.readAllBytes(CONTRACT)));
    }

    @Test
    void answersNotModifiedToTheContractsOwnETag() throws Exception {
        String etag = get("/openapi.yaml").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = get("/openapi.yaml", "If-None-Match", etag);

        assertThat(etag).matches("\"[0-9a-f]{64}\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/openapi.json", "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void docsPageAndItsAssetsAreServedUnderAContentSecurityPolicyOfSelfOnly() throws Exception {
        for (String path : new String[] {"/docs/api", "/docs/api/docs.js", "/docs/api/swagger-ui-bundle.js",
                "/docs/api/swagger-ui.css", "/openapi.yaml", "/openapi.json"}) {
            HttpResponse<byte[]> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValue(CSP);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
        }
        assertThat(get("/docs/api").headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(get("/docs/api/swagger-ui-bundle.js").headers().firstValue("Content-Type")).hasValue("text/javascript");
    }

    @SendsBadInput("paths the contract lacks")
    @Test
    void theWebJarIsNotServedAtItsOwnPaths() {
        assertProblem(api.get("/webjars/swagger-ui/5.34.1/index.html"), 404, "not_found");
        assertProblem(api.get("/webjars/swagger-ui/5.34.1/swagger-initializer.js"), 404, "not_found");
        assertProblem(api.get("/META-INF/resources/webjars/swagger-ui/5.34.1/index.html"), 404, "not_found");
    }

    @SendsBadInput("a path the contract lacks")
    @Test
    void theManagementContractIsNotServed() {
        assertProblem(api.get("/management.yaml"), 404, "not_found");
        assertProblem(api.get("/api/management.yaml"), 404, "not_found");
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
