package io.biometriccore.ceremonies.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code enrollment_grant} table. Secrets are stored as SHA-256 only. */
@Repository
public class GrantRepository {

    /** A grant that can still be redeemed. */
    public record Redeemable(UUID id, UUID customerId) {
    }

    private final JdbcClient jdbc;

    GrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, String tenantId, UUID customerId, byte[] secretHash, String issuedBy, Instant now,
            Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO enrollment_grant (id, tenant_id, customer_id, secret_hash, issued_by, created_at, expires_at)
                VALUES (:id, :tenant, :customer, :hash, :issuedBy, :now, :expires)""")
                .param("id", id).param("tenant", tenantId).param("customer", customerId).param("hash", secretHash)
                .param("issuedBy", issuedBy).param("now", utc(now)).param("expires", utc(expiresAt)).update();
    }

    /** Looked up by the hash of the secret, which is the lookup key; equality on a hash leaks nothing. */
    public Optional<Redeemable> findRedeemable(String tenantId, byte[] secretHash, Instant now) {
        return jdbc.sql("""
                SELECT id, customer_id FROM enrollment_grant
                 WHERE tenant_id = :tenant AND secret_hash = :hash AND used_at IS NULL AND expires_at > :now""")
                .param("tenant", tenantId).param("hash", secretHash).param("now", utc(now))
                .query((rs, row) -> new Redeemable(rs.getObject("id", UUID.class),
                        rs.getObject("customer_id", UUID.class)))
                .optional();
    }

    /** Compare-and-set: exactly one redemption wins. */
    public boolean consume(String tenantId, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE enrollment_grant SET used_at = :now
                 WHERE tenant_id = :tenant AND id = :id AND used_at IS NULL AND expires_at > :now""")
                .param("now", utc(now)).param("tenant", tenantId).param("id", id).update() == 1;
    }
}
