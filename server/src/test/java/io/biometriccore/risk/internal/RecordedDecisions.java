package io.biometriccore.risk.internal;

import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.BankFixture;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What the analyst's API recorded of a tenant's decisions, for the signals' integration tests. */
final class RecordedDecisions {

    private RecordedDecisions() {
    }

    /** The latest decision of {@code outcome} in the tenant. */
    static JsonNode latest(ApiClient api, String tenantId, String outcome) {
        ApiClient.Response page = api.admin("GET", "/v1/admin/tenants/" + tenantId + "/risk/decisions?decision="
                + outcome, null);
        BankFixture.require(page, 200);
        return page.json().path("items").get(0);
    }

    /** The reasons of the latest decision of {@code outcome} in the tenant, highest points first. */
    static List<String> reasons(ApiClient api, String tenantId, String outcome) {
        return latest(api, tenantId, outcome).path("contributions").valueStream()
                .map(c -> c.path("reason").asString()).toList();
    }
}
