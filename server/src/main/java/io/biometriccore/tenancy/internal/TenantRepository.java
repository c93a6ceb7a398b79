package io.biometriccore.tenancy.internal;

import io.biometriccore.tenancy.AllowedOrigin;
import io.biometriccore.tenancy.RateLimits;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.RetentionPolicy;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.SigningPolicy;
import io.biometriccore.tenancy.TenantPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code tenant} table. Origins and policy are stored as JSON text, portable to H2; the origins as the
 * definition writes them, a related origin as {@code {"origin": ..., "related": true}}.
 */
@Repository
public class TenantRepository {

    /** Strings, and {@code {origin, related}} objects for related origins (V13 needs no column). */
    private static final TypeReference<List<AllowedOrigin>> ORIGINS = new TypeReference<>() { };
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    TenantRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A tenant with its current policy version applied; {@code versioned} false for one stored before V16. */
    public record Loaded(Tenant tenant, boolean versioned) {
    }

    /** A subquery per tenant, not a join: the version is read by its key, never by scanning the versions. */
    private static final String WITH_POLICY = """
            SELECT t.*, (SELECT v.document FROM tenant_policy_version v
                          WHERE v.tenant_id = t.id AND v.version = t.policy_version) AS document
              FROM tenant t""";

    public Optional<Loaded> find(String id) {
        return jdbc.sql(WITH_POLICY + " WHERE t.id = :id").param("id", id).query(this::loaded).optional();
    }

    /** Tenants stored before V16 show their old settings, which their version 1 will hold. */
    public List<Tenant> list() {
        return jdbc.sql(WITH_POLICY + " ORDER BY t.id").query(this::loaded).list().stream().map(Loaded::tenant)
                .toList();
    }

    /** The tenant as its own columns have it, without its policy versions: what a version 1 is made of. */
    public Optional<Tenant> findUnversioned(String id) {
        return jdbc.sql("SELECT * FROM tenant WHERE id = :id").param("id", id).query(this::map).optional();
    }

    /** @return true when the tenant was created, false when an existing one was replaced */
    public boolean upsert(Tenant tenant) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // ON CONFLICT keeps two concurrent first PUTs from failing; the one that loses updates instead.
        int inserted = jdbc.sql("""
                INSERT INTO tenant (id, rp_id, rp_name, allowed_origins, open_enrollment, conformance_profile, policy,
                                    session_policy, retention_policy, rate_limits, signing_policy, created_at, updated_at)
                VALUES (:id, :rpId, :rpName, :origins, :open, :conformance, :policy, :sessions, :retention, :rateLimits,
                        :signing, :now, :now)
                ON CONFLICT DO NOTHING""")
                .params(columns(tenant, now)).update();
        if (inserted == 1) {
            return true;
        }
        jdbc.sql("""
                UPDATE tenant SET rp_id = :rpId, rp_name = :rpName, allowed_origins = :origins,
                       open_enrollment = :open, conformance_profile = :conformance, policy = :policy, session_policy = :sessions, retention_policy = :retention,
                       rate_limits = :rateLimits, signing_policy = :signing, updated_at = :now
                 WHERE id = :id""")
                .params(columns(tenant, now)).update();
        return false;
    }

    private static Map<String, Object> columns(Tenant tenant, OffsetDateTime now) {
        return Map.ofEntries(Map.entry("id", tenant.id()), Map.entry("rpId", tenant.rpId()),
                Map.entry("rpName", tenant.rpName()),
                Map.entry("origins", JSON.writeValueAsString(origins(tenant))),
                Map.entry("open", tenant.openEnrollment()), Map.entry("conformance", tenant.conformanceProfile()),
                Map.entry("policy", JSON.writeValueAsString(tenant.policy())),
                Map.entry("sessions", JSON.writeValueAsString(tenant.sessions())),
                Map.entry("retention", JSON.writeValueAsString(tenant.retention())),
                Map.entry("rateLimits", JSON.writeValueAsString(tenant.rateLimits())),
                Map.entry("signing", JSON.writeValueAsString(tenant.signing())), Map.entry("now", now));
    }

    private static List<Object> origins(Tenant tenant) {
        return tenant.allowedOrigins().stream().<Object>map(origin -> tenant.relatedOrigins().contains(origin)
                ? Map.of("origin", origin, "related", true) : origin).toList();
    }

    private Loaded loaded(ResultSet rs, int row) throws SQLException {
        Tenant base = map(rs, row);
        String document = rs.getString("document");
        return document == null ? new Loaded(base, false)
                : new Loaded(PolicyDocuments.apply(base, JSON.readTree(document)), true);
    }

    private Tenant map(ResultSet rs, int row) throws SQLException {
        List<AllowedOrigin> origins = JSON.readValue(rs.getString("allowed_origins"), ORIGINS);
        return new Tenant(rs.getString("id"), rs.getString("rp_id"), rs.getString("rp_name"),
                origins.stream().map(AllowedOrigin::origin).toList(), rs.getBoolean("open_enrollment"),
                rs.getBoolean("conformance_profile"),
                JSON.readValue(rs.getString("policy"), TenantPolicy.class), sessions(rs.getString("session_policy")),
                retention(rs.getString("retention_policy")), rateLimits(rs.getString("rate_limits")),
                origins.stream().filter(AllowedOrigin::related).map(AllowedOrigin::origin).distinct().toList(),
                signing(rs.getString("signing_policy")));
    }

    /** Tenants stored before transaction signing existed (V13) have none: they take the defaults. */
    private static SigningPolicy signing(@Nullable String json) {
        return json == null ? SigningPolicy.defaults() : JSON.readValue(json, SigningPolicy.class);
    }

    /** Tenants stored before rate limits existed (V12) have none: they take the defaults. */
    private static RateLimits rateLimits(@Nullable String json) {
        return json == null ? RateLimits.defaults() : JSON.readValue(json, RateLimits.class);
    }

    /** Tenants stored before the audit log existed (V3) have none: they take the defaults. */
    private static RetentionPolicy retention(@Nullable String json) {
        return json == null ? RetentionPolicy.defaults() : JSON.readValue(json, RetentionPolicy.class);
    }

    /** Tenants stored before sessions existed (V2) have none: they take the defaults. */
    private static SessionPolicy sessions(@Nullable String json) {
        return json == null ? SessionPolicy.defaults() : JSON.readValue(json, SessionPolicy.class);
    }
}
