package io.biometriccore.tenancy;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's policy as immutable versions (docs/policy.md): each change a new version, audited;
 * versions listed in keyset pages; a rollback restoring an earlier content byte for byte; invalid
 * documents refused with the JSON pointer of each error; the tenant {@code PUT} a shortcut to a new
 * version that keeps what it cannot say.
 */
class PolicyVersionsIT extends PostgresIntegrationTest {

    private static final String DENIED = "5f3e8b2a-9c41-4d7e-b6a0-1c2d3e4f5a6b";

    @Autowired
    JdbcClient jdbc;

    private String tenantId;

    @BeforeEach
    void tenant() {
        tenantId = "policy-" + UUID.randomUUID().toString().substring(0, 8);
        TenantFixture.create(api, tenantId, Map.of());
    }

    private String policyPath(String suffix) {
        return "/v1/admin/tenants/" + tenantId + "/policy" + suffix;
    }

    private Response put(Map<String, Object> document, String reason) {
        return api.admin("PUT", policyPath(""), Map.of("document", document, "author", "alice@bank.example",
                "reason", reason));
    }

    @Test
    void aNewTenantsPolicyIsVersionOneWrittenByTheTenantApi() {
        Response current = api.admin("GET", policyPath(""), null);

        assertThat(current.status()).as(current.body()).isEqualTo(200);
        assertThat(current.json().path("version").asInt()).isEqualTo(1);
        assertThat(current.json().path("author").asString()).isEqualTo("tenant-api");
        assertThat(current.json().at("/document/authenticators/allowNone").asBoolean()).isTrue();
        assertThat(current.json().at("/document/userVerification/signIn").asString()).isEqualTo("required");
    }

    @Test
    void eachChangeIsANewAuditedVersionListedNewestFirstInPages() {
        Response created = put(Map.of("authenticators", Map.of("aaguidDeny", List.of(DENIED))), "CHG-1: deny a model");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("version").asInt()).isEqualTo(2);
        assertThat(created.json().path("reason").asString()).isEqualTo("CHG-1: deny a model");
        assertThat(created.json().path("sha256").asString()).isEqualTo(sha256(storedDocument(2)));
        Response first = api.admin("GET", policyPath("/versions?limit=1"), null);
        assertThat(first.json().path("items").get(0).path("version").asInt()).isEqualTo(2);
        String cursor = first.json().path("nextCursor").asString();
        Response second = api.admin("GET", policyPath("/versions?limit=1&cursor=" + cursor), null);
        assertThat(second.json().path("items").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(second.json().has("nextCursor")).isFalse();
        assertThat(api.admin("GET", policyPath("/versions/2"), null).json().at("/document/authenticators/aaguidDeny/0")
                .asString()).isEqualTo(DENIED);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :t AND event_type = 'policy.changed'")
                .param("t", tenantId).query(Long.class).single()).isEqualTo(2);
        Asserted.event("policy.changed");
    }

    @Test
    void aRollbackRestoresTheEarlierContentByteForByteAsANewVersion() {
        put(Map.of("authenticators", Map.of("aaguidDeny", List.of(DENIED)), "risk", Map.of("denyAbove", 80)), "CHG-2");
        put(Map.of("userVerification", Map.of("signIn", "preferred")), "CHG-3");

        Response rolledBack = api.admin("POST", policyPath("/rollback"), Map.of("version", 2, "author", "bob",
                "reason", "CHG-3 broke sign-in"));

        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(201);
        assertThat(rolledBack.json().path("version").asInt()).isEqualTo(4);
        assertThat(rolledBack.json().path("restoredFrom").asInt()).isEqualTo(2);
        assertThat(storedDocument(4)).isEqualTo(storedDocument(2));
        assertThat(rolledBack.json().path("sha256").asString())
                .isEqualTo(api.admin("GET", policyPath("/versions/2"), null).json().path("sha256").asString());
        assertThat(api.admin("GET", policyPath(""), null).json().path("version").asInt()).isEqualTo(4);
    }

    @Test
    void refusesAnInvalidDocumentNamingTheJsonPointerOfEachError() {
        Response refused = put(Map.of("authenticators", Map.of("aaguidDeny", List.of("not-an-aaguid")),
                "registration", Map.of("residentKey", "sometimes"), "surprise", true), "typo");

        assertProblem(refused, 400, "policy_invalid");
        assertThat(refused.json().path("errors").valueStream().map(e -> e.path("pointer").asString()))
                .contains("/authenticators/aaguidDeny/0", "/registration/residentKey", "/surprise");
        assertThat(api.admin("GET", policyPath(""), null).json().path("version").asInt()).isEqualTo(1);
    }

    @Test
    void refusesADocumentTheTenantsOtherSettingsContradict() {
        Response refused = put(Map.of("stepUp", Map.of("sensitiveActionAcr", "gold")), "no such level");

        assertProblem(refused, 400, "policy_invalid");
        assertThat(refused.json().path("errors").get(0).path("pointer").asString()).isEqualTo("/stepUp");
    }

    @Test
    void answersPolicyVersionNotFoundForAVersionNeverMade() {
        assertProblem(api.admin("GET", policyPath("/versions/99"), null), 404, "policy_version_not_found");
        assertProblem(api.admin("POST", policyPath("/rollback"), Map.of("version", 99, "author", "bob",
                "reason", "typo")), 404, "policy_version_not_found");
    }

    @Test
    void theTenantPutIsAShortcutToANewVersionThatKeepsWhatItCannotSay() {
        put(Map.of("authenticators", Map.of("aaguidDeny", List.of(DENIED))), "CHG-4");

        TenantFixture.create(api, tenantId, Map.of("userVerification", "preferred"));

        JsonNode current = api.admin("GET", policyPath(""), null).json();
        assertThat(current.path("version").asInt()).isEqualTo(3);
        assertThat(current.path("author").asString()).isEqualTo("tenant-api");
        assertThat(current.at("/document/userVerification/signIn").asString()).isEqualTo("preferred");
        assertThat(current.at("/document/authenticators/aaguidDeny/0").asString()).isEqualTo(DENIED);
        TenantFixture.create(api, tenantId, Map.of("userVerification", "preferred"));
        assertThat(api.admin("GET", policyPath(""), null).json().path("version").asInt())
                .as("a PUT that changes nothing makes no version").isEqualTo(3);
    }

    @Test
    void aTenantStoredBeforeVersionsGetsItsVersionOneFromItsOwnSettingsOnFirstRead() {
        jdbc.sql("DELETE FROM tenant_policy_version WHERE tenant_id = :t").param("t", tenantId).update();
        jdbc.sql("UPDATE tenant SET policy_version = NULL WHERE id = :t").param("t", tenantId).update();

        JsonNode current = api.admin("GET", policyPath(""), null).json();

        assertThat(current.path("version").asInt()).isEqualTo(1);
        assertThat(current.path("author").asString()).isEqualTo("migration");
        assertThat(current.at("/document/authenticators/allowSelf").asBoolean()).isTrue();
        assertThat(current.at("/document/registration/residentKey").asString()).isEqualTo("required");
    }

    private byte[] storedDocument(int version) {
        return jdbc.sql("SELECT document FROM tenant_policy_version WHERE tenant_id = :t AND version = :v")
                .param("t", tenantId).param("v", version).query(String.class).single().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
