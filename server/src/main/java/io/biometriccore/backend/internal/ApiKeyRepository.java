package io.biometriccore.backend.internal;

import static io.biometriccore.shared.SqlTimes.instant;
import static io.biometriccore.shared.SqlTimes.requiredInstant;
import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.backend.ApiKey;
import io.biometriccore.backend.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_key} table. Every statement is scoped by tenant. */
@Repository
public class ApiKeyRepository {

    /** A key with the hash of its secret. */
    public record Stored(ApiKey apiKey, byte[] secretHash) {
    }

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ApiKey key, byte[] secretHash) {
        jdbc.sql("""
                INSERT INTO api_key (id, tenant_id, name, scopes, secret_hash, created_at)
                VALUES (:id, :tenant, :name, :scopes, :hash, :created)""")
                .param("id", key.id()).param("tenant", key.tenantId()).param("name", key.name())
                .param("scopes", key.scopes().stream().map(Scope::wireName).sorted().collect(Collectors.joining(" ")))
                .param("hash", secretHash).param("created", utc(key.createdAt())).update();
    }

    public Optional<Stored> find(String tenantId, String id) {
        return jdbc.sql("SELECT * FROM api_key WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id)
                .query((rs, row) -> new Stored(map(rs), rs.getBytes("secret_hash"))).optional();
    }

    public List<ApiKey> list(String tenantId) {
        return jdbc.sql("SELECT * FROM api_key WHERE tenant_id = :tenant ORDER BY created_at, id")
                .param("tenant", tenantId).query((rs, row) -> map(rs)).list();
    }

    /** @return false when the key does not exist or was revoked already */
    public boolean revoke(String tenantId, String id, Instant now) {
        return jdbc.sql("UPDATE api_key SET revoked_at = :now WHERE tenant_id = :tenant AND id = :id AND revoked_at IS NULL")
                .param("now", utc(now)).param("tenant", tenantId).param("id", id).update() == 1;
    }

    /**
     * Records use at most once per resolution interval, so a busy key does not write on every call.
     *
     * @return whether this call recorded it
     */
    public boolean touch(String tenantId, String id, Instant now, Instant notSince) {
        return jdbc.sql("""
                UPDATE api_key SET last_used_at = :now
                 WHERE tenant_id = :tenant AND id = :id AND (last_used_at IS NULL OR last_used_at < :since)""")
                .param("now", utc(now)).param("tenant", tenantId).param("id", id).param("since", utc(notSince))
                .update() == 1;
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"),
                Arrays.stream(rs.getString("scopes").split(" ")).map(Scope::fromWire).collect(Collectors.toSet()),
                requiredInstant(rs, "created_at"), instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }
}
