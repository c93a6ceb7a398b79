package io.biometriccore.keys.internal;

import static io.biometriccore.shared.SqlTimes.instant;
import static io.biometriccore.shared.SqlTimes.utc;

import com.nimbusds.jose.jwk.ECKey;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.KeyStatus;
import io.biometriccore.keys.PublishedKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code signing_key} table: public JWKs and lifecycle. */
@Repository
public class SigningKeyRepository {

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises key creation and rotation per tenant and purpose, across nodes, on a row of its own.
     * (Locking the tenant row instead deadlocks: requests hold share locks on it through foreign keys.)
     */
    public void lockKeyCreation(String tenantId, KeyPurpose purpose) {
        jdbc.sql("INSERT INTO signing_key_lock (tenant_id, purpose) VALUES (:tenant, :purpose) ON CONFLICT DO NOTHING")
                .param("tenant", tenantId).param("purpose", purpose.name()).update();
        jdbc.sql("SELECT tenant_id FROM signing_key_lock WHERE tenant_id = :tenant AND purpose = :purpose FOR UPDATE")
                .param("tenant", tenantId).param("purpose", purpose.name()).query(String.class).single();
    }

    public Optional<PublishedKey> findActive(String tenantId, KeyPurpose purpose) {
        return jdbc.sql("""
                SELECT * FROM signing_key WHERE tenant_id = :tenant AND purpose = :purpose AND status = 'ACTIVE'
                 ORDER BY created_at DESC""")
                .param("tenant", tenantId).param("purpose", purpose.name()).query(SigningKeyRepository::map)
                .list().stream().findFirst();
    }

    public Optional<PublishedKey> find(String tenantId, KeyPurpose purpose, String kid) {
        return jdbc.sql("SELECT * FROM signing_key WHERE tenant_id = :tenant AND purpose = :purpose AND kid = :kid")
                .param("tenant", tenantId).param("purpose", purpose.name()).param("kid", kid)
                .query(SigningKeyRepository::map).optional();
    }

    public List<PublishedKey> list(String tenantId, KeyPurpose purpose) {
        return jdbc.sql("""
                SELECT * FROM signing_key WHERE tenant_id = :tenant AND purpose = :purpose
                 ORDER BY created_at DESC, kid""")
                .param("tenant", tenantId).param("purpose", purpose.name()).query(SigningKeyRepository::map).list();
    }

    public void insert(PublishedKey key) {
        jdbc.sql("""
                INSERT INTO signing_key (kid, tenant_id, purpose, public_jwk, status, created_at)
                VALUES (:kid, :tenant, :purpose, :jwk, :status, :created)""")
                .param("kid", key.kid()).param("tenant", key.tenantId()).param("purpose", key.purpose().name())
                .param("jwk", key.publicJwk().toJSONString()).param("status", key.status().name())
                .param("created", utc(key.createdAt())).update();
    }

    public void retireActive(String tenantId, KeyPurpose purpose, Instant now, Instant publishedUntil) {
        jdbc.sql("""
                UPDATE signing_key SET status = 'RETIRED', retired_at = :now, published_until = :until
                 WHERE tenant_id = :tenant AND purpose = :purpose AND status = 'ACTIVE'""")
                .param("now", utc(now)).param("until", utc(publishedUntil)).param("tenant", tenantId)
                .param("purpose", purpose.name()).update();
    }

    private static PublishedKey map(ResultSet rs, int row) throws SQLException {
        try {
            return new PublishedKey(rs.getString("kid"), rs.getString("tenant_id"),
                    KeyPurpose.valueOf(rs.getString("purpose")), KeyStatus.valueOf(rs.getString("status")),
                    ECKey.parse(rs.getString("public_jwk")), instant(rs, "created_at"), instant(rs, "retired_at"),
                    instant(rs, "published_until"));
        } catch (ParseException e) {
            throw new SQLException("signing_key " + rs.getString("kid") + " holds an unreadable JWK", e);
        }
    }
}
