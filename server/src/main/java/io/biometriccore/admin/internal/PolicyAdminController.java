package io.biometriccore.admin.internal;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.tenancy.PolicyDecisions;
import io.biometriccore.tenancy.PolicyVersion;
import io.biometriccore.tenancy.TenantPolicies;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A tenant's policy documents: the current one, its versions, a new one and a rollback (docs/policy.md). */
@RestController
@RequestMapping(path = "/v1/admin/tenants/{tenantId}/policy", produces = MediaType.APPLICATION_JSON_VALUE)
class PolicyAdminController {

    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    private static final int DEFAULT_DAYS = 30;
    private static final int MAX_DAYS = 90;
    private static final int DEFAULT_EXAMPLES = 20;

    private final TenantPolicies policies;
    private final PolicyDecisions decisions;

    PolicyAdminController(TenantPolicies policies, PolicyDecisions decisions) {
        this.policies = policies;
        this.decisions = decisions;
    }

    /** A candidate document evaluated over the decisions of the last {@code days} days. */
    record PolicyDryRun(@Nullable JsonNode document, @Nullable Integer days, @Nullable Integer examples,
            @Nullable String cursor) {
    }

    /** A new version: the document, who made it and why. */
    record PolicyChange(@Nullable JsonNode document, @Nullable String author, @Nullable String reason) {
    }

    /** An earlier version made current again. */
    record PolicyRollback(@Nullable Integer version, @Nullable String author, @Nullable String reason) {
    }

    @GetMapping
    PolicyVersion current(@PathVariable String tenantId) {
        return policies.current(tenantId);
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    PolicyVersion put(@PathVariable String tenantId, @RequestBody PolicyChange change) {
        if (change.document() == null) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "document is required");
        }
        return policies.put(tenantId, change.document(), text(change.author(), "author", 200),
                text(change.reason(), "reason", 1000));
    }

    @GetMapping("/versions")
    TenantPolicies.Page versions(@PathVariable String tenantId, @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE) int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "limit must be 1 to " + MAX_PAGE);
        }
        return policies.versions(tenantId, cursor, limit);
    }

    @GetMapping("/versions/{version}")
    PolicyVersion version(@PathVariable String tenantId, @PathVariable int version) {
        return policies.version(tenantId, version);
    }

    @PostMapping(path = "/rollback", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    PolicyVersion rollback(@PathVariable String tenantId, @RequestBody PolicyRollback rollback) {
        if (rollback.version() == null) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "version is required");
        }
        return policies.rollback(tenantId, rollback.version(), text(rollback.author(), "author", 200),
                text(rollback.reason(), "reason", 1000));
    }

    @PostMapping(path = "/dry-run", consumes = MediaType.APPLICATION_JSON_VALUE)
    PolicyDecisions.DryRun dryRun(@PathVariable String tenantId, @RequestBody PolicyDryRun dryRun) {
        if (dryRun.document() == null) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "document is required");
        }
        int days = dryRun.days() == null ? DEFAULT_DAYS : dryRun.days();
        int examples = dryRun.examples() == null ? DEFAULT_EXAMPLES : dryRun.examples();
        if (days < 1 || days > MAX_DAYS || examples < 0 || examples > MAX_PAGE) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "days must be 1 to " + MAX_DAYS
                    + " and examples 0 to " + MAX_PAGE);
        }
        return decisions.dryRun(tenantId, dryRun.document(), days, examples, dryRun.cursor());
    }

    private static String text(@Nullable String value, String member, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, member + " must be 1 to " + max + " characters");
        }
        return value;
    }
}
