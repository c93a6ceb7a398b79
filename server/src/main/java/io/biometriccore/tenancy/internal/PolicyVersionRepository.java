package io.biometriccore.tenancy.internal;

import io.biometriccore.tenancy.PolicyVersion;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code tenant_policy_version} table (V16): inserted once, never updated. */
@Repository
public class PolicyVersionRepository {

    private final JdbcClient jdbc;

    PolicyVersionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the tenant's row until the transaction ends, so that versions are numbered one writer at a time.
     *
     * @return the current version number, empty when the tenant has none yet; nothing for an unknown tenant
     */
    public Optional<Optional<Integer>> lockCurrent(String tenantId) {
        return jdbc.sql("SELECT policy_version FROM tenant WHERE id = :id FOR UPDATE").param("id", tenantId)
                .query((rs, row) -> Optional.ofNullable((Integer) rs.getObject("policy_version"))).optional();
    }

    /** Inserts the version and makes it the tenant's current one; the caller holds {@link #lockCurrent}. */
    public void insert(PolicyVersion v) {
        jdbc.sql("""
                INSERT INTO tenant_policy_version (tenant_id, version, document, sha256, author, reason, restored_from,
                                                   created_at)
                VALUES (:tenant, :version, :document, :sha256, :author, :reason, :restoredFrom, :createdAt)""")
                .param("tenant", v.tenantId()).param("version", v.version())
                .param("document", new String(v.canonical(), StandardCharsets.UTF_8)).param("sha256", v.sha256())
                .param("author", v.author()).param("reason", v.reason()).param("restoredFrom", v.restoredFrom())
                .param("createdAt", v.createdAt().atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("UPDATE tenant SET policy_version = :version WHERE id = :tenant")
                .param("tenant", v.tenantId()).param("version", v.version()).update();
    }

    public Optional<PolicyVersion> find(String tenantId, int version) {
        return jdbc.sql("SELECT * FROM tenant_policy_version WHERE tenant_id = :tenant AND version = :version")
                .param("tenant", tenantId).param("version", version).query(PolicyVersionRepository::map).optional();
    }

    /** Newest first, below {@code before} when given: a keyset page. */
    public List<PolicyVersion> page(String tenantId, @Nullable Integer before, int limit) {
        return jdbc.sql("""
                SELECT * FROM tenant_policy_version
                 WHERE tenant_id = :tenant AND version < :before
                 ORDER BY version DESC
                 LIMIT :limit""")
                .param("tenant", tenantId).param("before", before == null ? Integer.MAX_VALUE : before)
                .param("limit", limit).query(PolicyVersionRepository::map).list();
    }

    private static PolicyVersion map(ResultSet rs, int row) throws SQLException {
        return new PolicyVersion(rs.getString("tenant_id"), rs.getInt("version"),
                rs.getString("document").getBytes(StandardCharsets.UTF_8), rs.getString("sha256"),
                rs.getString("author"), rs.getString("reason"), (Integer) rs.getObject("restored_from"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }
}
