package io.biometriccore.credentials.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code authenticator_inventory} table: per tenant and AAGUID, the credentials registered and not
 * revoked, and how many are synced. Counted in the transaction of each change to a credential, never by
 * scanning the credentials (ADR 0040).
 */
@Repository
public class AuthenticatorInventory {

    /** One model in use: {@code synced} of its {@code credentials} are backup eligible (BE=1). */
    public record Model(UUID aaguid, long credentials, long synced) {
    }

    private final JdbcClient jdbc;

    AuthenticatorInventory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A credential was registered. */
    void added(String tenantId, UUID aaguid, boolean backupEligible) {
        // Two portable statements: H2 has no ON CONFLICT DO UPDATE. The row lock of the UPDATE serialises counts.
        jdbc.sql("""
                INSERT INTO authenticator_inventory (tenant_id, aaguid, credentials, synced)
                VALUES (:t, :a, 0, 0) ON CONFLICT DO NOTHING""").param("t", tenantId).param("a", aaguid).update();
        jdbc.sql("""
                UPDATE authenticator_inventory SET credentials = credentials + 1, synced = synced + :s
                 WHERE tenant_id = :t AND aaguid = :a""")
                .param("s", backupEligible ? 1 : 0).param("t", tenantId).param("a", aaguid).update();
    }

    /** A credential that counted was revoked or erased. */
    public void removed(String tenantId, UUID aaguid, boolean backupEligible) {
        jdbc.sql("""
                UPDATE authenticator_inventory SET credentials = credentials - 1, synced = synced - :s
                 WHERE tenant_id = :t AND aaguid = :a""")
                .param("s", backupEligible ? 1 : 0).param("t", tenantId).param("a", aaguid).update();
    }

    /** Whether the tenant has a credential of this model that counts. */
    public boolean inUse(String tenantId, UUID aaguid) {
        return find(tenantId, aaguid).filter(m -> m.credentials() > 0).isPresent();
    }

    private Optional<Model> find(String tenantId, UUID aaguid) {
        return jdbc.sql("""
                SELECT aaguid, credentials, synced FROM authenticator_inventory WHERE tenant_id = :t AND aaguid = :a""")
                .param("t", tenantId).param("a", aaguid).query(AuthenticatorInventory::model).optional();
    }

    /** The models in use after {@code after}, in AAGUID order: a keyset page. */
    public List<Model> page(String tenantId, @Nullable UUID after, int limit) {
        if (after == null) {
            // No lower bound: the nil AAGUID (authenticators that send none) is a model like any other.
            return jdbc.sql("""
                    SELECT aaguid, credentials, synced FROM authenticator_inventory
                     WHERE tenant_id = :t AND credentials > 0 ORDER BY aaguid LIMIT :limit""")
                    .param("t", tenantId).param("limit", limit).query(AuthenticatorInventory::model).list();
        }
        return jdbc.sql("""
                SELECT aaguid, credentials, synced FROM authenticator_inventory
                 WHERE tenant_id = :t AND aaguid > :after AND credentials > 0 ORDER BY aaguid LIMIT :limit""")
                .param("t", tenantId).param("after", after).param("limit", limit)
                .query(AuthenticatorInventory::model).list();
    }

    private static Model model(ResultSet rs, int row) throws SQLException {
        return new Model(rs.getObject("aaguid", UUID.class), rs.getLong("credentials"), rs.getLong("synced"));
    }
}
