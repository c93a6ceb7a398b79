package io.biometriccore.signing.internal;

import static io.biometriccore.shared.SqlTimes.requiredInstant;
import static io.biometriccore.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code evidence} table, append-only but for the legal hold (V13_1): {@code purge_after} is the
 * retention's end, or NULL while the evidence is under legal hold, so the retention purge
 * ({@link io.biometriccore.shared.ExpiredRows}) never sees evidence on hold.
 */
@Repository
class EvidenceRepository {

    /**
     * @param jws          the compact JWS of the evidence record
     * @param kid          the EVIDENCE key that signed it
     * @param auditEventId the {@code transaction.approved} event written with it
     * @param retainUntil  the end of the tenant's evidence retention, from the approval
     */
    record StoredEvidence(UUID transactionId, String tenantId, UUID evidenceId, String jws, String kid,
            long auditEventId, Instant approvedAt, Instant retainUntil, boolean legalHold) {

        StoredEvidence {
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(evidenceId, "evidenceId");
            Objects.requireNonNull(jws, "jws");
            Objects.requireNonNull(kid, "kid");
        }
    }

    private final JdbcClient jdbc;

    EvidenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredEvidence e) {
        jdbc.sql("""
                INSERT INTO evidence (transaction_id, tenant_id, evidence_id, jws, kid, audit_event_id, approved_at,
                                      retain_until, legal_hold, purge_after)
                VALUES (:transaction, :tenant, :evidence, :jws, :kid, :event, :approved, :retain, FALSE, :retain)""")
                .param("transaction", e.transactionId()).param("tenant", e.tenantId())
                .param("evidence", e.evidenceId()).param("jws", e.jws()).param("kid", e.kid())
                .param("event", e.auditEventId()).param("approved", utc(e.approvedAt()))
                .param("retain", utc(e.retainUntil())).update();
    }

    Optional<StoredEvidence> find(String tenantId, UUID transactionId) {
        return jdbc.sql("SELECT * FROM evidence WHERE tenant_id = :tenant AND transaction_id = :transaction")
                .param("tenant", tenantId).param("transaction", transactionId).query(EvidenceRepository::map)
                .optional();
    }

    /** Puts the evidence under legal hold, or releases it to the end of its retention. */
    void legalHold(String tenantId, UUID transactionId, boolean hold) {
        jdbc.sql("""
                UPDATE evidence SET legal_hold = :hold,
                       purge_after = CASE WHEN :hold THEN NULL ELSE retain_until END
                 WHERE tenant_id = :tenant AND transaction_id = :transaction""")
                .param("hold", hold).param("tenant", tenantId).param("transaction", transactionId).update();
    }

    /**
     * Whether the tenant still keeps evidence signed by the EVIDENCE key {@code kid}: one row of the
     * index on (tenant, kid), never the tenant's whole evidence.
     */
    boolean signedBy(String tenantId, String kid) {
        return jdbc.sql("SELECT 1 FROM evidence WHERE tenant_id = :tenant AND kid = :kid LIMIT 1")
                .param("tenant", tenantId).param("kid", kid).query(Integer.class).optional().isPresent();
    }

    private static StoredEvidence map(ResultSet rs, int row) throws SQLException {
        return new StoredEvidence(rs.getObject("transaction_id", UUID.class), rs.getString("tenant_id"),
                rs.getObject("evidence_id", UUID.class), rs.getString("jws"), rs.getString("kid"),
                rs.getLong("audit_event_id"), requiredInstant(rs, "approved_at"), requiredInstant(rs, "retain_until"),
                rs.getBoolean("legal_hold"));
    }
}
