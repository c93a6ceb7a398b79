package io.biometriccore.tenancy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.CrossNodeEvents;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.internal.PolicyDocuments;
import io.biometriccore.tenancy.internal.PolicySchema;
import io.biometriccore.tenancy.internal.PolicyVersionRepository;
import io.biometriccore.tenancy.internal.TenantRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.erdtman.jcs.JsonCanonicalizer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's policy as immutable, versioned documents (docs/policy.md, ADR 0039): the one writer of
 * the policy. Each version is stored in its RFC 8785 canonical form with its SHA-256, numbered under a
 * lock on the tenant's row, audited as {@code policy.changed} in the same transaction, and announced to
 * every node so that each drops its cached tenant ({@link Tenants}).
 */
@Service
public class TenantPolicies {

    /** The author of a version the tenant {@code PUT}'s {@code policy}, {@code signing} or {@code sessions} made. */
    public static final String TENANT_API = "tenant-api";
    /** The author of a version 1 made from the settings of a tenant stored before V16. */
    public static final String MIGRATION = "migration";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CURSOR = Pattern.compile("[1-9][0-9]{0,8}");

    private final PolicyVersionRepository versions;
    private final TenantRepository tenants;
    private final PolicySchema schema;
    private final ApplicationEventPublisher events;
    private final CrossNodeEvents crossNode;
    private final Clock clock;

    TenantPolicies(PolicyVersionRepository versions, TenantRepository tenants, PolicySchema schema,
            ApplicationEventPublisher events, CrossNodeEvents crossNode, Clock clock) {
        this.versions = versions;
        this.tenants = tenants;
        this.schema = schema;
        this.events = events;
        this.crossNode = crossNode;
        this.clock = clock;
    }

    /** A page of versions, newest first, and the cursor of the next. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<PolicyVersion> items, @Nullable String nextCursor) {
    }

    /** @throws ApiException {@code tenant_not_found} */
    @Transactional
    public PolicyVersion current(String tenantId) {
        int current = lockCurrent(tenantId).orElseGet(() -> migrate(tenantId));
        return versions.find(tenantId, current).orElseThrow();
    }

    /**
     * Makes {@code document} the tenant's policy, as a new version.
     *
     * @throws ApiException {@code policy_invalid} with an {@code errors} member naming each error's JSON pointer
     */
    @Transactional
    public PolicyVersion put(String tenantId, JsonNode document, String author, String reason) {
        int current = lockCurrent(tenantId).orElseGet(() -> migrate(tenantId));
        requireValid(tenantId, document);
        return write(tenantId, current + 1, canonical(document), author, reason, null);
    }

    /** Makes version {@code restored}'s content current again, byte for byte, as a new version. */
    @Transactional
    public PolicyVersion rollback(String tenantId, int restored, String author, String reason) {
        int current = lockCurrent(tenantId).orElseGet(() -> migrate(tenantId));
        PolicyVersion earlier = version(tenantId, restored);
        requireValid(tenantId, earlier.document());
        return write(tenantId, current + 1, earlier.canonical(), author, reason, restored);
    }

    /** @throws ApiException {@code policy_version_not_found} */
    @Transactional(readOnly = true)
    public PolicyVersion version(String tenantId, int version) {
        return versions.find(tenantId, version)
                .orElseThrow(() -> new ApiException(TenancyProblem.POLICY_VERSION_NOT_FOUND));
    }

    /** @throws ApiException {@code invalid_request} for a cursor this API did not return */
    @Transactional
    public Page versions(String tenantId, @Nullable String cursor, int limit) {
        if (cursor != null && !CURSOR.matcher(cursor).matches()) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "cursor is not one this API returned");
        }
        current(tenantId);
        List<PolicyVersion> page = versions.page(tenantId, cursor == null ? null : Integer.valueOf(cursor), limit + 1);
        return page.size() > limit ? new Page(page.subList(0, limit), String.valueOf(page.get(limit - 1).version()))
                : new Page(page, null);
    }

    /**
     * The tenant {@code PUT}'s shortcut: the members its definition gave replace theirs in the current
     * document, as a new version by {@value #TENANT_API} when that changes it; a new tenant gets its
     * version 1. Runs in the tenant {@code PUT}'s transaction.
     */
    @Transactional
    public void saved(Tenant tenant, List<String> members) {
        Optional<Integer> current = lockCurrent(tenant.id());
        JsonNode given = PolicyDocuments.of(tenant);
        if (current.isEmpty()) {
            write(tenant.id(), 1, canonical(given), TENANT_API, "tenant created", null);
            return;
        }
        PolicyVersion now = versions.find(tenant.id(), current.get()).orElseThrow();
        byte[] merged = canonical(PolicyDocuments.merge(now.document(), given, members));
        requireValid(tenant.id(), JSON.readTree(merged));
        if (!MessageDigest.isEqual(merged, now.canonical())) {
            write(tenant.id(), current.get() + 1, merged, TENANT_API, "tenant PUT", null);
        }
    }

    /**
     * Version 1 of a tenant stored before V16, from its own settings, under the lock on its row: a
     * second node waits, then finds the version written. In a transaction of its own, since the first
     * read of the tenant may come within a read-only one.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int migrate(String tenantId) {
        Optional<Integer> current = lockCurrent(tenantId);
        if (current.isPresent()) {
            return current.get();
        }
        Tenant tenant = tenants.findUnversioned(tenantId).orElseThrow();
        return write(tenantId, 1, canonical(PolicyDocuments.of(tenant)), MIGRATION, "settings before V16", null)
                .version();
    }

    private Optional<Integer> lockCurrent(String tenantId) {
        return versions.lockCurrent(tenantId).orElseThrow(() -> new ApiException(TenancyProblem.TENANT_NOT_FOUND,
                "No tenant with this id"));
    }

    /**
     * The tenant as {@code document} would make it, validated as {@link #put} validates it, writing nothing.
     *
     * @throws ApiException {@code tenant_not_found}; {@code policy_invalid} as {@link #put}
     */
    @Transactional(readOnly = true)
    public Tenant candidate(String tenantId, JsonNode document) {
        tenants.findUnversioned(tenantId).orElseThrow(() -> new ApiException(TenancyProblem.TENANT_NOT_FOUND,
                "No tenant with this id"));
        return requireValid(tenantId, document);
    }

    private Tenant requireValid(String tenantId, JsonNode document) {
        try {
            schema.requireValid(document);
            return PolicyDocuments.apply(tenants.findUnversioned(tenantId).orElseThrow(), document);
        } catch (PolicyDocuments.Invalid e) {
            throw new ApiException(TenancyProblem.POLICY_INVALID, e.getMessage(), Map.of("errors",
                    e.violations().stream().map(v -> Map.of("pointer", v.pointer(), "detail", v.message())).toList()),
                    Map.of());
        }
    }

    private PolicyVersion write(String tenantId, int version, byte[] canonical, String author, String reason,
            @Nullable Integer restoredFrom) {
        PolicyVersion v = new PolicyVersion(tenantId, version, canonical, Base64Url.encode(sha256(canonical)), author,
                reason, restoredFrom, clock.instant());
        versions.insert(v);
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.POLICY_CHANGED)
                .reason(restoredFrom == null ? "version_" + version : "rollback_to_" + restoredFrom)
                .personal("author", author).build());
        crossNode.publish(Tenants.CHANGED, tenantId);
        return v;
    }

    private static byte[] canonical(JsonNode document) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(document)).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException("A JSON document could not be canonicalised", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
