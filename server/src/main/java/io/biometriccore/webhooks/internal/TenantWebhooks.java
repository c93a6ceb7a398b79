package io.biometriccore.webhooks.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.shared.BankNotificationType;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code tenant_webhook}: each tenant's webhook, its secret wrapped by the tenant's key-encryption key. */
@Repository
class TenantWebhooks {

    /**
     * A tenant's webhook.
     *
     * @param id            changes only when a webhook is configured after none was
     * @param types         the notification types delivered; empty for all
     * @param wrappedSecret the secret as {@code KeyProvider.wrap} made it; never the secret itself
     * @param lastStatus    the HTTP status of the last attempt, 0 when the receiver did not answer
     */
    record Webhook(String tenantId, UUID id, URI url, Set<BankNotificationType> types, byte[] wrappedSecret,
            Instant createdAt, @Nullable Instant lastAttemptAt, @Nullable Integer lastStatus) {

        Webhook {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(url, "url");
            types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
            Objects.requireNonNull(wrappedSecret, "wrappedSecret");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        /** Whether notifications of this type go to the webhook; a test always does. */
        boolean subscribes(BankNotificationType type) {
            return types.isEmpty() || types.contains(type) || type == BankNotificationType.WEBHOOK_TEST;
        }

        /** Without the secret, which must never reach a log. */
        @Override
        public String toString() {
            return "Webhook[tenantId=" + tenantId + ", id=" + id + ", url=" + url + ", types=" + types + "]";
        }
    }

    private final JdbcClient jdbc;

    TenantWebhooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Webhook> find(String tenantId) {
        return jdbc.sql("SELECT * FROM tenant_webhook WHERE tenant_id = :tenant").param("tenant", tenantId)
                .query(TenantWebhooks::webhook).optional();
    }

    /** Every tenant's webhook: one row per bank, the delivery's list of work. */
    List<Webhook> all() {
        return jdbc.sql("SELECT * FROM tenant_webhook ORDER BY tenant_id").query(TenantWebhooks::webhook).list();
    }

    void insert(Webhook webhook, Instant now) {
        jdbc.sql("""
                INSERT INTO tenant_webhook (tenant_id, id, url, types, wrapped_secret, created_at, updated_at)
                VALUES (:tenant, :id, :url, :types, :secret, :now, :now)""")
                .param("tenant", webhook.tenantId()).param("id", webhook.id()).param("url", webhook.url().toString())
                .param("types", wire(webhook.types())).param("secret", webhook.wrappedSecret())
                .param("now", utc(now)).update();
    }

    /** Replaces the URL and types; the id and secret stay. */
    void update(String tenantId, URI url, Set<BankNotificationType> types, Instant now) {
        jdbc.sql("UPDATE tenant_webhook SET url = :url, types = :types, updated_at = :now WHERE tenant_id = :tenant")
                .param("url", url.toString()).param("types", wire(types)).param("now", utc(now))
                .param("tenant", tenantId).update();
    }

    void replaceSecret(String tenantId, byte[] wrappedSecret, Instant now) {
        jdbc.sql("UPDATE tenant_webhook SET wrapped_secret = :secret, updated_at = :now WHERE tenant_id = :tenant")
                .param("secret", wrappedSecret).param("now", utc(now)).param("tenant", tenantId).update();
    }

    boolean delete(String tenantId) {
        return jdbc.sql("DELETE FROM tenant_webhook WHERE tenant_id = :tenant").param("tenant", tenantId).update() > 0;
    }

    /** The last attempt of the webhook {@code id}; nothing when it was removed or replaced meanwhile. */
    void attempted(String tenantId, UUID id, int status, Instant now) {
        jdbc.sql("""
                UPDATE tenant_webhook SET last_attempt_at = :now, last_status = :status
                 WHERE tenant_id = :tenant AND id = :id""")
                .param("now", utc(now)).param("status", status).param("tenant", tenantId).param("id", id).update();
    }

    static String wire(Set<BankNotificationType> types) {
        return types.stream().sorted().map(BankNotificationType::wireName).collect(Collectors.joining(","));
    }

    private static Set<BankNotificationType> types(String wire) {
        Set<String> names = Arrays.stream(wire.split(",")).filter(n -> !n.isEmpty()).collect(Collectors.toSet());
        return Arrays.stream(BankNotificationType.values()).filter(t -> names.contains(t.wireName()))
                .collect(Collectors.toSet());
    }

    private static Webhook webhook(ResultSet rs, int row) throws SQLException {
        OffsetDateTime attempted = rs.getObject("last_attempt_at", OffsetDateTime.class);
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Webhook(rs.getString("tenant_id"), rs.getObject("id", UUID.class), URI.create(rs.getString("url")),
                types(rs.getString("types")), rs.getBytes("wrapped_secret"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                attempted == null ? null : attempted.toInstant(), lastStatus);
    }
}
