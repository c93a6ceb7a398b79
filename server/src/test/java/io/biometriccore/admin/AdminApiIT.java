package io.biometriccore.admin;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.ProblemAssert;
import io.biometriccore.testsupport.SendsBadInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The admin API: the admin key guards it, tenants are validated, and the seed file is applied. */
@TestPropertySource(properties = "biometric.tenants.seed-file=src/test/resources/seed-tenants.yml")
class AdminApiIT extends PostgresIntegrationTest {

    @Test
    void refusesRequestsWithoutTheAdminKey() {
        Response missing = api.get("/v1/admin/tenants");
        assertThat(missing.status()).isEqualTo(401);
        assertCode(missing, "unauthorized");
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/v1/admin/tenants", "Authorization", "Bearer " + ADMIN_KEY + "x").status()).isEqualTo(401);
        assertThat(api.get("/v1/admin/tenants", "Authorization", ADMIN_KEY).status()).isEqualTo(401);
    }

    @Test
    void concurrentFirstPutsOfATenantCreateItOnce() throws Exception {
        Map<String, Object> definition = Map.of("rpId", "race.example", "rpName", "Race Bank",
                "allowedOrigins", List.of("https://race.example"));
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> puts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                puts.add(pool.submit(() -> api.admin("PUT", "/v1/admin/tenants/race-bank", definition).status()));
            }
            for (Future<Integer> put : puts) {
                statuses.add(put.get());
            }
        }

        assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
    }

    @Test
    void theConformanceProfileIsOffUnlessAskedForAndNeedsOpenEnrollment() {
        Map<String, Object> base = Map.of("rpId", "lab.example", "rpName", "Lab",
                "allowedOrigins", List.of("https://lab.example"));
        api.admin("PUT", "/v1/admin/tenants/lab", base);
        assertThat(api.admin("GET", "/v1/admin/tenants/lab", Map.of()).json().path("conformanceProfile").asBoolean())
                .isFalse();

        Map<String, Object> conformance = new HashMap<>(base);
        conformance.putAll(Map.of("openEnrollment", true, "conformanceProfile", true));
        api.admin("PUT", "/v1/admin/tenants/lab", conformance);
        assertThat(api.admin("GET", "/v1/admin/tenants/lab", Map.of()).json().path("conformanceProfile").asBoolean())
                .isTrue();

        conformance.put("openEnrollment", false);
        Response closed = api.admin("PUT", "/v1/admin/tenants/lab", conformance);
        assertThat(closed.status()).isEqualTo(400);
        assertCode(closed, "tenant_invalid");
        assertThat(closed.json().path("detail").asString()).contains("conformanceProfile");
    }

    @Test
    void rejectsARetentionPeriodOverAHundredYears() {
        Response response = api.admin("PUT", "/v1/admin/tenants/forever-bank", Map.of("rpId", "forever.example",
                "rpName", "Forever", "allowedOrigins", List.of("https://forever.example"),
                "retention", Map.of("personalFields", "P2147483647Y")));

        assertThat(response.status()).isEqualTo(400);
        assertCode(response, "tenant_invalid");
        assertThat(response.json().path("detail").asString()).contains("personalFields");
    }

    /** The check covers what Spring MVC routes, not the raw URI: encodings and path parameters do not slip by. */
    @SendsBadInput("disguised admin paths the contract lacks")
    @ParameterizedTest
    @ValueSource(strings = {"/v1/admin;x=1/tenants", "/v1/%61dmin/tenants", "/v1/admin;/tenants/seeded-bank/audit/tree-heads",
            "/v1/%61dmin/tenants/seeded-bank/audit/export", "/v1/admin/tenants;x=1", "/v1/admin/siem/sinks",
            "/v1/admin/tenants/seeded-bank/audit/events"})
    void refusesDisguisedAdminPathsWithoutTheKey(String path) {
        Response response = api.get(path);

        assertThat(response.status()).as(path).isEqualTo(401);
        assertCode(response, "unauthorized");
        assertThat(response.body()).doesNotContain("rpId").doesNotContain("\"kind\"");
    }

    @Test
    void createsThenReplacesATenantWithDefaultsForWhatIsLeftOut() {
        Map<String, Object> definition = Map.of("rpId", "acme.example", "rpName", "Acme Bank",
                "allowedOrigins", List.of("https://acme.example", "https://app.acme.example"));
        assertThat(api.admin("PUT", "/v1/admin/tenants/acme", definition).status()).isEqualTo(201);
        Response replaced = api.admin("PUT", "/v1/admin/tenants/acme", definition);
        assertThat(replaced.status()).isEqualTo(200);
        JsonNode policy = api.admin("GET", "/v1/admin/tenants/acme", Map.of()).json().path("policy");
        assertThat(policy.path("userVerification").asString()).isEqualTo("required");
        assertThat(policy.path("allowNoneAttestation").asBoolean()).isFalse();
        assertThat(policy.path("allowSelfAttestation").asBoolean()).isFalse();
        assertThat(policy.path("allowedAlgorithms").toString()).contains("ES256", "RS256", "EdDSA");
    }

    @SendsBadInput("tenant ids and definitions the contract refuses")
    @Test
    void rejectsAnInvalidTenantWithItsReason() {
        Response badOrigin = api.admin("PUT", "/v1/admin/tenants/bad", Map.of("rpId", "bank.example", "rpName", "Bad",
                "allowedOrigins", List.of("http://bank.example")));
        ProblemAssert.assertProblem(badOrigin, 400, "tenant_invalid");
        assertThat(badOrigin.json().path("detail").asString()).isEqualTo("allowedOrigins: http://bank.example must be "
                + "https://host[:port], http://localhost[:port] or android:apk-key-hash:<hash>");
        Response foreignOrigin = api.admin("PUT", "/v1/admin/tenants/bad", Map.of("rpId", "bank.example",
                "rpName", "Bad", "allowedOrigins", List.of("https://evil.example")));
        ProblemAssert.assertProblem(foreignOrigin, 400, "tenant_invalid");
        assertThat(foreignOrigin.json().path("detail").asString())
                .isEqualTo("allowedOrigins: the host of https://evil.example is not within rpId bank.example");
        Response badSlug = api.admin("PUT", "/v1/admin/tenants/Not_A_Slug", Map.of("rpId", "bank.example",
                "rpName", "Bad", "allowedOrigins", List.of("https://bank.example")));
        ProblemAssert.assertProblem(badSlug, 400, "tenant_invalid");
        assertThat(badSlug.json().path("detail").asString())
                .isEqualTo("id must be a lower-case slug of 2 to 63 characters");
        Response badAlgorithm = api.admin("PUT", "/v1/admin/tenants/bad", Map.of("rpId", "bank.example",
                "rpName", "Bad", "allowedOrigins", List.of("https://bank.example"),
                "policy", Map.of("allowedAlgorithms", List.of("HS256"))));
        // An algorithm name the server does not know fails to bind, before any member is checked; the
        // answer still names the member at fault.
        ProblemAssert.assertProblem(badAlgorithm, 400, "malformed_request");
        assertThat(badAlgorithm.json().path("detail").asString())
                .isEqualTo("policy.allowedAlgorithms[0] is not a valid value");
        Response noAlgorithm = api.admin("PUT", "/v1/admin/tenants/bad", Map.of("rpId", "bank.example",
                "rpName", "Bad", "allowedOrigins", List.of("https://bank.example"),
                "policy", Map.of("allowedAlgorithms", List.of())));
        ProblemAssert.assertProblem(noAlgorithm, 400, "tenant_invalid");
        assertThat(noAlgorithm.json().path("detail").asString())
                .endsWith("allowedAlgorithms must be non-empty and without repeats");
        Response noRpName = api.admin("PUT", "/v1/admin/tenants/bad", Map.of("rpId", "bank.example",
                "allowedOrigins", List.of("https://bank.example")));
        ProblemAssert.assertProblem(noRpName, 400, "tenant_invalid");
        assertThat(noRpName.json().path("detail").asString()).isEqualTo("rpName is required");
        assertThat(api.admin("GET", "/v1/admin/tenants/bad", null).status()).isEqualTo(404);
    }

    @Test
    void appliesTheSeedFileAtStartUp() {
        JsonNode seeded = api.admin("GET", "/v1/admin/tenants/seeded-bank", Map.of()).json();
        assertThat(seeded.path("rpId").asString()).isEqualTo("seeded.example");
        assertThat(seeded.path("allowedOrigins").toString()).contains("android:apk-key-hash:");
        assertThat(seeded.path("policy").path("challengeTimeout").asString()).isEqualTo("PT2M");
        assertThat(seeded.path("openEnrollment").asBoolean()).isFalse();
    }
}
