package io.biometriccore.identity.internal;

import io.biometriccore.identity.Customer;
import io.biometriccore.identity.UserHandle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code customer} table. */
@Repository
public class CustomerRepository {

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Customer> findByUsername(String tenantId, String username) {
        return jdbc.sql("SELECT * FROM customer WHERE tenant_id = :t AND username = :u")
                .param("t", tenantId).param("u", username).query(CustomerRepository::map).optional();
    }

    public Optional<Customer> findById(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM customer WHERE tenant_id = :t AND id = :id")
                .param("t", tenantId).param("id", id).query(CustomerRepository::map).optional();
    }

    public Optional<Customer> findByExternalId(String tenantId, String externalId) {
        return jdbc.sql("SELECT * FROM customer WHERE tenant_id = :t AND external_id = :e")
                .param("t", tenantId).param("e", externalId).query(CustomerRepository::map).optional();
    }

    public Optional<Customer> lock(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM customer WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", tenantId).param("id", id).query(CustomerRepository::map).optional();
    }

    public void delete(String tenantId, UUID id) {
        jdbc.sql("DELETE FROM customer WHERE tenant_id = :t AND id = :id").param("t", tenantId).param("id", id).update();
    }

    /** @return false when the username, user handle or external id is already taken in the tenant */
    public boolean insert(Customer c) {
        // ON CONFLICT keeps a PostgreSQL transaction usable; a unique violation would abort it.
        return jdbc.sql("""
                INSERT INTO customer (id, tenant_id, user_handle, username, display_name, external_id, created_at)
                VALUES (:id, :t, :h, :u, :d, :e, :at) ON CONFLICT DO NOTHING""")
                .param("id", c.id()).param("t", c.tenantId()).param("h", c.userHandle().value())
                .param("u", c.username()).param("d", c.displayName()).param("e", c.externalId())
                .param("at", c.createdAt().atOffset(ZoneOffset.UTC)).update() == 1;
    }

    private static Customer map(ResultSet rs, int row) throws SQLException {
        return new Customer(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                new UserHandle(rs.getBytes("user_handle")), rs.getString("username"), rs.getString("display_name"),
                rs.getString("external_id"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
