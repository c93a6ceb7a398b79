package io.biometriccore.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for integration tests: what a bank's app or backend would send, nothing more. */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Set for a test marked {@link SendsBadInput}; tests of one JVM run one at a time. */
    private static volatile boolean requestsOfThisTestExempt;

    private final String baseUrl;
    private final ContractValidator contract;
    private final boolean badInput;

    /** A client of the public port: every request and every answer held to {@code api/openapi.yaml}. */
    public ApiClient(int port) {
        this("http://localhost:" + port, ContractValidator.publicApi(), false);
    }

    private ApiClient(String baseUrl, ContractValidator contract, boolean badInput) {
        this.baseUrl = baseUrl;
        this.contract = contract;
        this.badInput = badInput;
    }

    /** A client of the management port, held to {@code api/management.yaml}. */
    public static ApiClient management(int port) {
        return new ApiClient("http://localhost:" + port, ContractValidator.management(), false);
    }

    /**
     * The same client for a test that sends bad input on purpose (a malformed body, a route or method the
     * contract lacks, a missing parameter): its requests are not held to the contract, its answers still
     * are (ADR 0031).
     */
    public ApiClient badInput() {
        return new ApiClient(baseUrl, contract, true);
    }

    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem code of an RFC 9457 answer. */
        public String code() {
            return json().path("code").asString();
        }
    }

    /** For tests that race requests on an executor. */
    public static Response join(Future<Response> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A null body sends none, as to an operation that takes none. */
    public Response post(String path, @Nullable Object body, String... headers) {
        if (body == null) {
            return send("POST", path, null, headers);
        }
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), json, headers);
    }

    /** Sends the body chunked, without a Content-Length, as a streaming client would. */
    public Response postChunked(String path, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .header("Content-Type", "application/json"), json);
    }

    public Response put(String path, Object body, String... headers) {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), json, headers);
    }

    /** {@code application/x-www-form-urlencoded}, as OAuth endpoints take it. */
    public Response form(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded"), body.isEmpty() ? null : body, headers);
    }

    /** Any method; a null body sends none. */
    public Response send(String method, String path, @Nullable Object body, String... headers) {
        String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.BodyPublisher publisher = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method, publisher);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder, json, headers);
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), null, headers);
    }

    public Response admin(String method, String path, Object body) {
        String[] auth = {"Authorization", "Bearer " + PostgresIntegrationTest.ADMIN_KEY};
        return switch (method) {
            case "PUT" -> put(path, body, auth);
            case "GET" -> get(path, auth);
            case "DELETE" -> send("DELETE", path, null, auth);
            default -> post(path, body, auth);
        };
    }

    /** Creates or replaces a tenant through the admin API. */
    public void putTenant(String tenantId, Map<String, Object> definition) {
        Response response = admin("PUT", "/v1/admin/tenants/" + tenantId, definition);
        if (response.status() != 200 && response.status() != 201) {
            throw new IllegalStateException("Tenant set-up failed: " + response.status() + " " + response.body());
        }
    }

    private Response send(HttpRequest.Builder builder, @Nullable String body, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Response answer = new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
            holdToTheContract(request, body, answer);
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A mismatch fails the test at the exchange that caused it. */
    private void holdToTheContract(HttpRequest request, @Nullable String body, Response answer) {
        String target = request.uri().getRawPath() + (request.uri().getRawQuery() == null ? ""
                : "?" + request.uri().getRawQuery());
        var exchange = new ContractValidator.Exchange(request.method(), target, request.headers().map(),
                request.headers().firstValue("Content-Type").orElse(null), body, answer.status(),
                answer.raw().headers().map(), answer.contentType(), answer.body());
        List<String> violations = new ArrayList<>(badInput || requestsOfThisTestExempt ? List.<String>of()
                : contract.requestViolations(exchange));
        violations.addAll(contract.responseViolations(exchange));
        if (!violations.isEmpty()) {
            throw new AssertionError("The exchange " + request.method() + " " + target + " -> " + answer.status()
                    + " breaks the contract:\n  " + String.join("\n  ", violations) + "\nResponse body: "
                    + abbreviated(answer.body()));
        }
    }

    static void exemptRequestsOfThisTest(boolean exempt) {
        requestsOfThisTestExempt = exempt;
    }

    private static String abbreviated(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "...";
    }
}
