package io.biometriccore.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.ContractValidator.Exchange;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The validator every integration test's exchanges go through (ADR 0031) tests itself: exchanges that
 * break the contract fail with a message naming the operation and what broke, and conforming ones pass.
 */
class ContractValidatorTests {

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String OPTIONS = "/v1/tenants/demo/registration/options";

    private final ContractValidator contract = ContractValidator.publicApi();

    private static final ContractValidator SMALL = ContractValidator.of("small.yaml", """
            openapi: 3.1.0
            info: {title: small, version: '1'}
            paths:
              /things/{id}:
                parameters:
                  - {name: id, in: path, required: true, schema: {type: string, pattern: '^t[0-9]+$'}}
                get:
                  operationId: getThing
                  parameters:
                    - {name: limit, in: query, schema: {type: integer, minimum: 1}}
                    - {name: X-Trace, in: header, required: true, schema: {type: string}}
                  responses:
                    '200':
                      description: ok
                      headers:
                        ETag: {required: true, schema: {type: string}}
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Thing'}
                    '204': {description: none}
                put:
                  operationId: putThing
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Thing'}
                  responses:
                    default:
                      description: anything
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Thing'}
            components:
              schemas:
                Thing:
                  type: object
                  required: [name, size]
                  additionalProperties: false
                  properties:
                    name: {type: string}
                    size: {type: integer}
            """);

    @Test
    void aConformingExchangePasses() {
        Exchange exchange = get("/things/t1?limit=5", 200, JSON, "{\"name\":\"a\",\"size\":1}");

        assertThat(SMALL.requestViolations(exchange)).isEmpty();
        assertThat(SMALL.responseViolations(exchange)).isEmpty();
    }

    @Test
    void rejectsAResponseMemberOfTheWrongType() {
        assertThat(SMALL.responseViolations(get("/things/t1", 200, JSON, "{\"name\":\"a\",\"size\":\"big\"}")))
                .singleElement().asString().contains("GET /things/{id} (getThing) 200 response at /size",
                        "integer", "small.yaml#/paths/~1things~1%7Bid%7D/get/responses/200/content");
    }

    @Test
    void rejectsAResponseWithoutARequiredMember() {
        assertThat(SMALL.responseViolations(get("/things/t1", 200, JSON, "{\"name\":\"a\"}")))
                .singleElement().asString().contains("getThing", "required property 'size'");
    }

    @Test
    void rejectsAResponseMemberTheSchemaDoesNotAllow() {
        assertThat(SMALL.responseViolations(get("/things/t1", 200, JSON, "{\"name\":\"a\",\"size\":1,\"x\":2}")))
                .singleElement().asString().contains("getThing", "'x'");
    }

    @Test
    void rejectsAnUndeclaredStatus() {
        assertThat(SMALL.responseViolations(get("/things/t1", 418, JSON, "{}")))
                .containsExactly("GET /things/{id} (getThing): status 418 is not declared");
    }

    @Test
    void anyStatusIsDeclaredByADefaultResponse() {
        Exchange exchange = put("/things/t1", "{\"name\":\"a\",\"size\":1}", 409, "{\"name\":\"b\",\"size\":2}");

        assertThat(SMALL.responseViolations(exchange)).isEmpty();
    }

    @Test
    void rejectsAnUndeclaredContentType() {
        assertThat(SMALL.responseViolations(get("/things/t1", 200, "text/plain", "hello")))
                .singleElement().asString().contains("content type 'text/plain'", "[application/json]");
    }

    @Test
    void rejectsABodyWhereTheContractDeclaresNone() {
        assertThat(SMALL.responseViolations(get("/things/t1", 204, JSON, "{}")))
                .singleElement().asString().contains("204 response has a body");
    }

    @Test
    void rejectsAMissingRequiredResponseHeader() {
        Exchange exchange = new Exchange("GET", "/things/t1", Map.of("X-Trace", List.of("1")), null, null, 200,
                Map.of(), JSON, "{\"name\":\"a\",\"size\":1}");

        assertThat(SMALL.responseViolations(exchange))
                .containsExactly("GET /things/{id} (getThing) 200 response header ETag is required and missing");
    }

    @Test
    void rejectsARequestToAPathTheContractLacks() {
        assertThat(SMALL.requestViolations(get("/nothing", 404, PROBLEM, "{}")))
                .containsExactly("small.yaml has no path matching GET /nothing");
    }

    @Test
    void rejectsARequestWithAMethodTheContractLacks() {
        Exchange exchange = new Exchange("DELETE", "/things/t1", Map.of(), null, null, 405, Map.of(), "", "");

        assertThat(SMALL.requestViolations(exchange)).containsExactly("small.yaml has no operation DELETE /things/{id}");
    }

    @Test
    void rejectsAMissingRequiredHeaderAndABadQueryAndPathParameter() {
        Exchange exchange = new Exchange("GET", "/things/x1?limit=0", Map.of(), null, null, 204, Map.of(), "", "");

        assertThat(SMALL.requestViolations(exchange)).hasSize(3).anySatisfy(v -> assertThat(v)
                .contains("path parameter id", "pattern")).anySatisfy(v -> assertThat(v)
                .contains("query parameter limit", "minimum")).anySatisfy(v -> assertThat(v)
                .isEqualTo("GET /things/{id} (getThing) header parameter X-Trace is required and missing"));
    }

    @Test
    void rejectsARequestBodyThatBreaksItsSchemaOrIsMissing() {
        assertThat(SMALL.requestViolations(put("/things/t1", "{\"name\":1,\"size\":1}", 200, "{}")))
                .singleElement().asString().contains("PUT /things/{id} (putThing) request at /name", "string");
        assertThat(SMALL.requestViolations(put("/things/t1", null, 200, "{}")))
                .containsExactly("PUT /things/{id} (putThing) requires a request body");
    }

    @Test
    void rejectsABodySentToAnOperationThatTakesNone() {
        Exchange exchange = new Exchange("GET", "/things/t1", Map.of("X-Trace", List.of("1")), JSON, "{}", 204,
                Map.of(), "", "");

        assertThat(SMALL.requestViolations(exchange)).containsExactly("GET /things/{id} (getThing) takes no request body");
    }

    @Test
    void theRealContractRejectsAProblemWithACodeItDoesNotName() {
        Exchange exchange = options("{\"username\":\"alice\"}", 404, PROBLEM, """
                {"type":"https://biometric-core.dev/problems/no-such-code","title":"No","status":404,
                 "detail":"No.","code":"no_such_code","instance":"%s"}""".formatted(OPTIONS));

        assertThat(contract.responseViolations(exchange)).isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("POST /v1/tenants/{tenantId}/registration/options "
                        + "(registrationOptions) 404 response at /code"));
    }

    @Test
    void theRealContractAcceptsItsOwnProblem() {
        Exchange exchange = options("{\"username\":\"alice\"}", 404, PROBLEM, """
                {"type":"https://biometric-core.dev/problems/tenant-not-found","title":"Tenant not found",
                 "status":404,"detail":"No such tenant.","code":"tenant_not_found","instance":"%s"}"""
                .formatted(OPTIONS));

        assertThat(contract.requestViolations(exchange)).isEmpty();
        assertThat(contract.responseViolations(exchange)).isEmpty();
    }

    @Test
    void theRealContractRejectsARequestBodyOfTheWrongShape() {
        assertThat(contract.requestViolations(options("{\"username\":42}", 400, PROBLEM, "{}")))
                .isNotEmpty().allSatisfy(v -> assertThat(v).contains("(registrationOptions) request at /username"));
    }

    @Test
    void anyOperationMayAnswerTheProblemsTheContractAllowsOnEveryRouteAndNoOther() {
        String invalid = """
                {"type":"https://biometric-core.dev/problems/invalid-request","title":"The request is not valid",
                 "status":400,"detail":"No.","code":"invalid_request"}""";
        String teapot = invalid.replace("\"status\":400", "\"status\":418");

        assertThat(contract.responseViolations(options("{}", 400, PROBLEM, invalid))).isEmpty();
        assertThat(contract.responseViolations(options("{}", 418, PROBLEM, teapot)))
                .containsExactly("POST /v1/tenants/{tenantId}/registration/options (registrationOptions): "
                        + "status 418 is not declared");
    }

    @Test
    void optionsOnAPathOfTheContractIsAPlainAllowOrARefusedPreflight() {
        Exchange plain = new Exchange("OPTIONS", OPTIONS, Map.of(), null, null, 200,
                Map.of("Allow", List.of("POST, OPTIONS")), "", "");
        Exchange withABody = new Exchange("OPTIONS", OPTIONS, Map.of(), null, null, 200,
                Map.of("Allow", List.of("POST, OPTIONS")), JSON, "{}");
        Exchange refused = new Exchange("OPTIONS", OPTIONS, Map.of(), null, null, 403, Map.of(), PROBLEM, """
                {"type":"https://biometric-core.dev/problems/not-found","title":"Not found","status":404,
                 "detail":"No.","code":"not_found"}""");

        assertThat(contract.requestViolations(plain)).isEmpty();
        assertThat(contract.responseViolations(plain)).isEmpty();
        assertThat(contract.responseViolations(withABody))
                .containsExactly("OPTIONS /v1/tenants/{tenantId}/registration/options 200 has a body");
        assertThat(contract.responseViolations(refused)).isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("OPTIONS /v1/tenants/{tenantId}/registration/options 403 at /"));
    }

    @Test
    void theManagementContractHoldsTheActuatorsAnswers() {
        ContractValidator management = ContractValidator.management();
        Exchange prometheus = new Exchange("GET", "/actuator/prometheus", Map.of(), null, null, 200, Map.of(),
                "text/plain;version=0.0.4;charset=utf-8", "# HELP x\n");
        Exchange unversioned = new Exchange("GET", "/actuator/prometheus", Map.of(), null, null, 200, Map.of(),
                "text/plain", "# HELP x\n");

        assertThat(management.responseViolations(prometheus)).isEmpty();
        assertThat(management.responseViolations(unversioned)).singleElement().asString()
                .contains("content type 'text/plain'");
    }

    @Test
    void aFormBodyIsHeldToItsSchema() {
        String token = "/v1/tenants/demo/token";
        String form = "application/x-www-form-urlencoded";
        Exchange withoutTheRefreshToken = new Exchange("POST", token, Map.of(), form, "grant_type=refresh_token",
                400, Map.of(), PROBLEM, "{}");

        assertThat(contract.requestViolations(withoutTheRefreshToken)).singleElement().asString()
                .contains("POST /v1/tenants/{tenantId}/token (token) request at : required property 'refresh_token' not found");
    }

    private static Exchange get(String path, int status, String contentType, String body) {
        return new Exchange("GET", path, Map.of("X-Trace", List.of("1")), null, null, status,
                Map.of("ETag", List.of("\"1\"")), contentType, body);
    }

    private static Exchange put(String path, @Nullable String body, int status, String responseBody) {
        return new Exchange("PUT", path, Map.of(), body == null ? null : JSON, body, status, Map.of(), JSON,
                responseBody);
    }

    private static Exchange options(String body, int status, String contentType, String responseBody) {
        return new Exchange("POST", OPTIONS, Map.of(), JSON, body, status, Map.of(), contentType, responseBody);
    }
}
