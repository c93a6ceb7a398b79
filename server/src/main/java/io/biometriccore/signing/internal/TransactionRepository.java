package io.biometriccore.signing.internal;

import static io.biometriccore.shared.SqlTimes.instant;
import static io.biometriccore.shared.SqlTimes.requiredInstant;
import static io.biometriccore.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code transactions} table: each statement within one tenant, by its primary key, but the expiry job's. */
@Repository
class TransactionRepository {

    /** How long a transaction that was never approved is kept after its expiry, for the bank to look it up. */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);

    enum Status {
        PENDING, APPROVED, DECLINED, EXPIRED, CANCELLED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * A registered transaction.
     *
     * @param canonical the RFC 8785 bytes that were hashed, verbatim
     * @param hash      base64url SHA-256 of {@code canonical}
     */
    record Stored(String tenantId, UUID id, UUID customerId, String type, String currency, long amountMinor,
            byte[] canonical, String hash, Status status, Instant createdAt, Instant expiresAt,
            @Nullable Instant decidedAt, @Nullable String credentialId, @Nullable UUID deviceId,
            @Nullable String method) {

        Stored {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(canonical, "canonical");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(status, "status");
            canonical = canonical.clone();
        }

        @Override
        public byte[] canonical() {
            return canonical.clone();
        }

        /** What the bank and the customer see: a pending transaction past its expiry is expired already. */
        Status statusAt(Instant now) {
            return status == Status.PENDING && !now.isBefore(expiresAt) ? Status.EXPIRED : status;
        }
    }

    /** A pending transaction the expiry job has just expired. */
    record Expired(String tenantId, UUID id, UUID customerId) {
    }

    private final JdbcClient jdbc;

    TransactionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Stored t) {
        jdbc.sql("""
                INSERT INTO transactions (tenant_id, id, customer_id, type, currency, amount_minor, canonical, hash,
                                          status, created_at, expires_at, purge_after)
                VALUES (:tenant, :id, :customer, :type, :currency, :amount, :canonical, :hash, :status, :created,
                        :expires, :purge)""")
                .param("tenant", t.tenantId()).param("id", t.id()).param("customer", t.customerId())
                .param("type", t.type()).param("currency", t.currency()).param("amount", t.amountMinor())
                .param("canonical", t.canonical()).param("hash", t.hash()).param("status", t.status().wireName())
                .param("created", utc(t.createdAt())).param("expires", utc(t.expiresAt()))
                .param("purge", utc(t.expiresAt().plus(KEPT_AFTER_EXPIRY))).update();
    }

    Optional<Stored> find(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM transactions WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(TransactionRepository::map).optional();
    }

    /**
     * Approves the transaction once: only while it is pending and unexpired, so that of two concurrent
     * approvals exactly one changes the row. Approved, it is kept as long as its evidence.
     */
    boolean approve(String tenantId, UUID id, Instant at, String credentialId, UUID deviceId, String method) {
        return jdbc.sql("""
                UPDATE transactions SET status = 'approved', decided_at = :at, credential_id = :credential,
                       device_id = :device, method = :method, purge_after = NULL
                 WHERE tenant_id = :tenant AND id = :id AND status = 'pending' AND expires_at > :at""")
                .param("at", utc(at)).param("credential", credentialId).param("device", deviceId)
                .param("method", method).param("tenant", tenantId).param("id", id).update() == 1;
    }

    /** Declines or cancels the transaction, under the same condition as {@link #approve}. */
    boolean decide(String tenantId, UUID id, Status outcome, Instant at) {
        return jdbc.sql("""
                UPDATE transactions SET status = :outcome, decided_at = :at
                 WHERE tenant_id = :tenant AND id = :id AND status = 'pending' AND expires_at > :at""")
                .param("outcome", outcome.wireName()).param("at", utc(at)).param("tenant", tenantId)
                .param("id", id).update() == 1;
    }

    /**
     * Expires up to {@code limit} pending transactions past their expiry, across tenants, by the index on
     * (status, expires_at); rows another node is expiring are skipped, not waited for.
     */
    List<Expired> expire(Instant now, int limit) {
        List<Expired> due = jdbc.sql("""
                SELECT tenant_id, id, customer_id FROM transactions WHERE status = 'pending' AND expires_at <= :now
                 ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", utc(now)).param("limit", limit)
                .query((rs, row) -> new Expired(rs.getString("tenant_id"), rs.getObject("id", UUID.class),
                        rs.getObject("customer_id", UUID.class))).list();
        for (Expired e : due) {
            jdbc.sql("""
                    UPDATE transactions SET status = 'expired', decided_at = expires_at
                     WHERE tenant_id = :tenant AND id = :id AND status = 'pending'""")
                    .param("tenant", e.tenantId()).param("id", e.id()).update();
        }
        return due;
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getString("tenant_id"), rs.getObject("id", UUID.class),
                rs.getObject("customer_id", UUID.class), rs.getString("type"), rs.getString("currency"),
                rs.getLong("amount_minor"), rs.getBytes("canonical"), rs.getString("hash"),
                Status.of(rs.getString("status")), requiredInstant(rs, "created_at"),
                requiredInstant(rs, "expires_at"), instant(rs, "decided_at"), rs.getString("credential_id"),
                rs.getObject("device_id", UUID.class), rs.getString("method"));
    }
}
