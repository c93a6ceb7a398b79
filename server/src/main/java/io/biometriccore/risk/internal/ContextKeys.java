package io.biometriccore.risk.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import com.nimbusds.jose.jwk.ECKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code risk_context_key}: the public keys each tenant's bank signs its context with. */
@Repository
class ContextKeys {

    /** A registered context key: a public EC P-256 JWK whose {@code kid} is {@code kid}. */
    record ContextKey(String tenantId, String kid, ECKey jwk, Instant createdAt) {
        ContextKey {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(createdAt, "createdAt");
            if (jwk.isPrivate() || !kid.equals(jwk.getKeyID())) {
                throw new IllegalArgumentException("jwk must be a public key whose kid is " + kid);
            }
        }
    }

    private final JdbcClient jdbc;

    ContextKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ECKey> find(String tenantId, String kid) {
        return jdbc.sql("SELECT * FROM risk_context_key WHERE tenant_id = :tenant AND kid = :kid")
                .param("tenant", tenantId).param("kid", kid).query(ContextKeys::key).optional()
                .map(ContextKey::jwk);
    }

    /** At most {@code max} of the tenant's keys, by kid. */
    List<ContextKey> list(String tenantId, int max) {
        return jdbc.sql("SELECT * FROM risk_context_key WHERE tenant_id = :tenant ORDER BY kid LIMIT :max")
                .param("tenant", tenantId).param("max", max).query(ContextKeys::key).list();
    }

    /** Whether the tenant has at least {@code cap} keys; reads at most {@code cap} index entries. */
    boolean atLeast(String tenantId, int cap) {
        Long keys = jdbc.sql("""
                SELECT count(*) FROM (SELECT 1 FROM risk_context_key WHERE tenant_id = :tenant LIMIT :cap) registered""")
                .param("tenant", tenantId).param("cap", cap).query(Long.class).single();
        return keys >= cap;
    }

    /** @return false when the tenant already has a key of that kid */
    boolean insert(ContextKey key) {
        return jdbc.sql("""
                INSERT INTO risk_context_key (tenant_id, kid, jwk, created_at) VALUES (:tenant, :kid, :jwk, :created)
                ON CONFLICT DO NOTHING""")
                .param("tenant", key.tenantId()).param("kid", key.kid()).param("jwk", key.jwk().toJSONString())
                .param("created", utc(key.createdAt())).update() > 0;
    }

    boolean delete(String tenantId, String kid) {
        return jdbc.sql("DELETE FROM risk_context_key WHERE tenant_id = :tenant AND kid = :kid")
                .param("tenant", tenantId).param("kid", kid).update() > 0;
    }

    private static ContextKey key(ResultSet rs, int row) throws SQLException {
        try {
            return new ContextKey(rs.getString("tenant_id"), rs.getString("kid"), ECKey.parse(rs.getString("jwk")),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant());
        } catch (ParseException e) {
            throw new IllegalStateException("a stored context key is no EC JWK", e);
        }
    }
}
