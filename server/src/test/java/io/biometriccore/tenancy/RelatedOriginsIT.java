package io.biometriccore.tenancy;

import static io.biometriccore.testkit.SoftwareAuthenticator.Attestation.NONE;
import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Related origins (WebAuthn L3 §5.11, ADR 0029) end to end: a flag on an allowed origin that the
 * ceremonies accept in {@code clientDataJSON.origin} like any other, and the document the bank serves at
 * {@code https://<rpId>/.well-known/webauthn}.
 */
class RelatedOriginsIT extends PostgresIntegrationTest {

    private static final String RELATED = "https://bank-brand.de";
    private static final String UNLISTED = "https://other-brand.de";

    private String tenant;
    private TenantFixture bank;

    @BeforeEach
    void tenantWithARelatedOrigin() {
        tenant = "related-" + UUID.randomUUID().toString().substring(0, 8);
        api.putTenant(tenant, Map.of("rpId", TenantFixture.RP_ID, "rpName", "Example Bank", "openEnrollment", true,
                "policy", Map.of("allowNoneAttestation", true, "residentKey", "required"),
                "allowedOrigins", List.of(TenantFixture.ORIGIN, Map.of("origin", RELATED, "related", true))));
        bank = new TenantFixture(api, tenant);
    }

    @Test
    void registersAndSignsInFromARelatedOrigin() {
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(ES256, NONE);
        String username = "user-" + UUID.randomUUID();

        Response registered = bank.register(authenticator, username, in -> in.withOrigin(RELATED));
        Response signedIn = bank.authenticate(authenticator, username, in -> in.withOrigin(RELATED));

        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().path("access_token").asString()).isNotEmpty();
    }

    @Test
    void rejectsRegistrationFromAnUnlistedOriginOutsideTheRpId() {
        assertProblem(bank.register(SoftwareAuthenticator.create(ES256, NONE), "user-" + UUID.randomUUID(),
                in -> in.withOrigin(UNLISTED)), 400, "origin_not_allowed");
    }

    @Test
    void rejectsAssertionFromAnUnlistedOriginOutsideTheRpId() {
        String username = "user-" + UUID.randomUUID();
        SoftwareAuthenticator authenticator = bank.enrolled(SoftwareAuthenticator.create(ES256, NONE), username);

        assertProblem(bank.authenticate(authenticator, username, in -> in.withOrigin(UNLISTED)),
                400, "origin_not_allowed");
    }

    @Test
    void servesTheWellKnownWebauthnDocumentOfTheRelatedOrigins() {
        Response document = api.get("/v1/tenants/" + tenant + "/webauthn-related-origins");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.contentType()).startsWith("application/json");
        assertThat(document.json().propertyNames()).containsExactly("origins");
        assertThat(document.json().path("origins").values()).extracting(node -> node.asString())
                .containsExactly(RELATED);
        assertThat(document.raw().headers().firstValue("Cache-Control")).hasValue("max-age=300, public");
    }

    @Test
    void theDocumentOfATenantThatDoesNotExistIsTenantNotFound() {
        assertProblem(api.get("/v1/tenants/no-such-tenant/webauthn-related-origins"), 404, "tenant_not_found");
    }

    @Test
    void theAdminApiShowsTheRelatedOriginsAsStoredAndReadBack() {
        Response stored = api.admin("GET", "/v1/admin/tenants/" + tenant, Map.of());

        assertThat(stored.json().propertyNames()).containsExactlyInAnyOrder("id", "rpId", "rpName", "allowedOrigins",
                "openEnrollment", "conformanceProfile", "policy", "sessions", "retention", "rateLimits",
                "relatedOrigins", "signing");

        assertThat(stored.json().path("allowedOrigins").values()).extracting(node -> node.asString())
                .containsExactly(TenantFixture.ORIGIN, RELATED);
        assertThat(stored.json().path("relatedOrigins").values()).extracting(node -> node.asString())
                .containsExactly(RELATED);
    }

    @Test
    void moreRegistrableDomainLabelsThanBrowsersUseIsTenantInvalid() {
        List<Object> origins = List.of(TenantFixture.ORIGIN,
                Map.of("origin", "https://brand1.de", "related", true), Map.of("origin", "https://brand2.de", "related", true),
                Map.of("origin", "https://brand3.de", "related", true), Map.of("origin", "https://brand4.de", "related", true),
                Map.of("origin", "https://brand5.de", "related", true), Map.of("origin", "https://brand6.de", "related", true));

        assertProblem(api.admin("PUT", "/v1/admin/tenants/" + tenant + "-labels", Map.of("rpId", TenantFixture.RP_ID,
                "rpName", "Example Bank", "allowedOrigins", origins)), 400, "tenant_invalid");
    }
}
