package io.biometriccore.shared.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.RawHttp;
import io.biometriccore.testsupport.RawHttp.Answer;
import io.biometriccore.testsupport.SendsBadInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Errors at the edge: what Tomcat refuses before our code runs, what our filters refuse, and values the
 * database would refuse, all answer {@code application/problem+json} with a stable code, never 5xx and
 * never an HTML page. Requests an HTTP client would normalise go over a raw socket.
 */
class EdgeErrorsIT extends PostgresIntegrationTest {

    private static final int LIMIT = 65536;

    BankFixture bank;

    @BeforeEach
    void bank() {
        bank = BankFixture.create(api, "edge", Map.of(), Map.of());
    }

    @Test
    void encodedSlashInThePathIsAnInvalidRequestProblem() {
        assertRawProblem(RawHttp.get(port, "/v1/tenants/edge%2Fother/.well-known/jwks.json"), 400, "invalid_request");
    }

    @Test
    void encodedNulInThePathIsAnInvalidRequestProblem() {
        assertRawProblem(RawHttp.get(port, "/v1/tenants/ed%00ge/.well-known/jwks.json"), 400, "invalid_request");
    }

    @Test
    void encodedControlCharacterInThePathIsAnInvalidRequestProblem() {
        assertRawProblem(RawHttp.get(port, "/v1/tenants/ed%01ge/.well-known/jwks.json"), 400, "invalid_request");
    }

    @Test
    void headerOf64KiBIsAnInvalidRequestProblem() {
        assertRawProblem(RawHttp.get(port, "/v1/tenants/edge/.well-known/jwks.json", "X-Padding: " + "a".repeat(LIMIT)),
                400, "invalid_request");
    }

    @Test
    void controlCharacterInAHeaderValueIsAnInvalidRequestProblem() {
        assertRawProblem(RawHttp.get(port, "/v1/tenants/edge/.well-known/jwks.json", "User-Agent: a\u0001b"),
                400, "invalid_request");
    }

    @Test
    void brokenRequestLineIsAnInvalidRequestProblem() {
        assertRawProblem(RawHttp.send(port, "GET /v1/tenants/edge/.well-known/jwks.json HTTP/1.1 trailing\r\n"
                + "Host: localhost\r\nConnection: close\r\n\r\n"), 400, "invalid_request");
    }

    @Test
    void unsupportedHttpVersionIsAnInvalidRequestProblem() {
        assertRawProblem(RawHttp.send(port, "GET /livez HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400, "invalid_request");
    }

    @Test
    void unknownTransferEncodingIsAnInvalidRequestProblem() {
        assertRawProblem(RawHttp.send(port, "POST /v1/tenants/edge/authentication/options HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: gzip\r\nConnection: close\r\n\r\n"), 400, "invalid_request");
    }

    @Test
    void invalidMethodTokenAndDuplicateHostAreInvalidRequestProblems() {
        assertRawProblem(RawHttp.send(port, "G@T /livez HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400, "invalid_request");
        assertRawProblem(RawHttp.send(port, "GET /livez HTTP/1.1\r\nHost: localhost\r\nHost: other\r\n"
                + "Connection: close\r\n\r\n"), 400, "invalid_request");
    }

    @Test
    void nulInAQueryParameterIsAnInvalidRequestProblem() {
        assertProblem(bank.backend("GET", "/customers?externalId=%00", null), 400, "invalid_request");
    }

    @SendsBadInput("a NUL in a string member")
    @Test
    void nulInAJsonStringMemberIsAnInvalidRequestProblemAndNothingIsStored() {
        String tenant = "{\"rpId\":\"bank.example\",\"rpName\":\"Bank\\u0000\","
                + "\"allowedOrigins\":[\"https://login.bank.example\"]}";

        assertProblem(api.put("/v1/admin/tenants/edge-nul", tenant, "Authorization", "Bearer " + ADMIN_KEY),
                400, "invalid_request");
        assertProblem(api.admin("GET", "/v1/admin/tenants/edge-nul", null), 404, "tenant_not_found");
    }

    @Test
    void nulInACustomerMemberIsAnInvalidRequestProblem() {
        assertProblem(bank.backend("POST", "/customers", "{\"externalId\":\"CIF-\\u0000\",\"username\":\"nul\"}"),
                400, "invalid_request");
    }

    @Test
    void stringOverItsColumnLengthIsAnInvalidRequestProblem() {
        assertProblem(bank.backend("POST", "/customers", Map.of("externalId", "x".repeat(1000), "username", "long-id")),
                400, "invalid_request");
    }

    @SendsBadInput("a null in a list of strings")
    @Test
    void nullMemberOfAListInARequestBodyIsAMalformedRequestProblem() {
        assertProblem(api.post("/v1/admin/tenants/edge/api-keys", "{\"name\":\"k\",\"scopes\":[null]}",
                "Authorization", "Bearer " + ADMIN_KEY), 400, "malformed_request");
    }

    @Test
    void chunkedFormBodyOverTheLimitIsPayloadTooLarge() throws IOException, InterruptedException {
        byte[] form = ("token=" + "a".repeat(LIMIT + 1)).getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> answer = chunked("/v1/tenants/edge/introspect", "application/x-www-form-urlencoded", form);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertCode(ApiClient.JSON.readTree(answer.body()).path("code").asString(), "payload_too_large");
    }

    @Test
    void chunkedFormBodyOverTheLimitReadByAFilterIsPayloadTooLarge() throws IOException, InterruptedException {
        byte[] form = ("name=" + "a".repeat(LIMIT + 1)).getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/admin/tenants/edge"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + ADMIN_KEY).build();

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertCode(ApiClient.JSON.readTree(answer.body()).path("code").asString(), "payload_too_large");
        }
    }

    @Test
    void multipartBodyOverTheLimitIsUnsupportedMediaType() throws IOException, InterruptedException {
        String boundary = "edge-boundary";
        byte[] multipart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n"
                + "a".repeat(LIMIT + 1) + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);

        for (String path : List.of("/v1/tenants/edge/introspect", "/v1/tenants/edge/authentication/options")) {
            HttpResponse<String> answer = chunked(path, "multipart/form-data; boundary=" + boundary, multipart);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
            assertCode(ApiClient.JSON.readTree(answer.body()).path("code").asString(), "unsupported_media_type");
        }
    }

    @SendsBadInput("actuator paths, which the public contract lacks")
    @Test
    void actuatorIsNotOnThePublicPortButTheProbesAre() {
        for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/env", "/actuator/health",
                "/actuator/health/liveness")) {
            assertProblem(api.get(path), 404, "not_found");
        }
        assertThat(api.get("/livez").status()).isEqualTo(200);
        assertThat(api.get("/readyz").status()).isEqualTo(200);
    }

    private HttpResponse<String> chunked(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + bank.apiKey()).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void assertRawProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertCode(answer.code(), code);
    }
}
