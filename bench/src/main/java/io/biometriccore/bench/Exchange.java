package io.biometriccore.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP calls of one attempt at a step, with the time spent in them (and only in them) added
 * up. Not thread-safe: one attempt, one thread.
 */
final class Exchange {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BODY_IN_ERROR = 300;

    private final HttpClient http;
    private final String baseUrl;
    private long nanos;

    Exchange(HttpClient http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** A step's answer that is not what the step expects. */
    static final class StepFailure extends Exception {

        StepFailure(String message) {
            super(message);
        }
    }

    /** Nanoseconds spent in this attempt's HTTP calls so far. */
    long nanos() {
        return nanos;
    }

    /** POSTs {@code body} (a JSON string, or an object to serialize) and reads the JSON answer. */
    JsonNode postJson(String path, @Nullable String bearer, Object body, int expectedStatus)
            throws IOException, InterruptedException, StepFailure {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(path, bearer, "application/json", json, expectedStatus);
    }

    /** POSTs without a body, for an operation that takes none, and reads the JSON answer. */
    JsonNode post(String path, String bearer, int expectedStatus) throws IOException, InterruptedException, StepFailure {
        return send(path, bearer, null, null, expectedStatus);
    }

    /** POSTs {@code fields} as {@code application/x-www-form-urlencoded} and reads the JSON answer. */
    JsonNode postForm(String path, @Nullable String bearer, Map<String, String> fields, int expectedStatus)
            throws IOException, InterruptedException, StepFailure {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(path, bearer, "application/x-www-form-urlencoded", form, expectedStatus);
    }

    /** An answer of any status: its status and, for a problem, its {@code code}. */
    record Answer(int status, String code) {
    }

    /** POSTs a JSON string and takes whatever comes back. */
    Answer postAnyStatus(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path, null, "application/json", json),
                HttpResponse.BodyHandlers.ofString());
        String code = "";
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            code = JSON.readTree(response.body()).path("code").asString("");
        }
        return new Answer(response.statusCode(), code);
    }

    /** GETs with the bearer and reads the JSON answer, which must come with {@code 200}. */
    JsonNode getJson(String path, String bearer) throws IOException, InterruptedException, StepFailure {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").header("Authorization", "Bearer " + bearer).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new StepFailure("GET " + path + " -> " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** The text member {@code name} of {@code node}; a missing or empty one fails the step. */
    static String text(JsonNode node, String name) throws StepFailure {
        String value = node.path(name).asString("");
        if (value.isEmpty()) {
            throw new StepFailure("no " + name + " in " + abbreviate(node.toString()));
        }
        return value;
    }

    private JsonNode send(String path, @Nullable String bearer, @Nullable String contentType, @Nullable String body,
            int expectedStatus)
            throws IOException, InterruptedException, StepFailure {
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request(path, bearer, contentType, body), HttpResponse.BodyHandlers.ofString());
        } finally {
            nanos += System.nanoTime() - start;
        }
        if (response.statusCode() != expectedStatus) {
            throw new StepFailure("POST " + path + " -> " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** A POST of {@code body} as {@code contentType}; both null: a POST without a body. */
    private HttpRequest request(String path, @Nullable String bearer, @Nullable String contentType,
            @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request.build();
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_BODY_IN_ERROR ? text : text.substring(0, MAX_BODY_IN_ERROR) + "...";
    }
}
