package io.biometriccore.credentials.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code authenticator_flagging} table: one job per tenant, model and BLOB that newly denied the
 * model, with how far its batches got. The job, not memory, holds the progress, so a crash continues.
 */
@Repository
class FlaggingJobs {

    /** A job not done yet: its credentials after {@code after} in credential id order are still to flag. */
    record Job(String tenantId, UUID aaguid, int blobNo, String status, byte[] after, long flagged) {
    }

    private final JdbcClient jdbc;

    FlaggingJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A second BLOB load of the same number cannot happen (its no must be higher), so a conflict is a repeat. */
    void create(String tenantId, UUID aaguid, int blobNo, String status, Instant now) {
        jdbc.sql("""
                INSERT INTO authenticator_flagging (tenant_id, aaguid, blob_no, status, after_credential, flagged,
                       created_at) VALUES (:t, :a, :no, :status, :after, 0, :at) ON CONFLICT DO NOTHING""")
                .param("t", tenantId).param("a", aaguid).param("no", blobNo).param("status", status)
                .param("after", new byte[0]).param("at", utc(now)).update();
    }

    /** The oldest job not done, locked to this transaction; another node running at once takes another. */
    Optional<Job> lockNextPending() {
        return jdbc.sql("""
                SELECT tenant_id, aaguid, blob_no, status, after_credential, flagged FROM authenticator_flagging
                 WHERE done_at IS NULL ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .query((rs, row) -> new Job(rs.getString("tenant_id"), rs.getObject("aaguid", UUID.class),
                        rs.getInt("blob_no"), rs.getString("status"), rs.getBytes("after_credential"),
                        rs.getLong("flagged")))
                .optional();
    }

    void advance(Job job, byte[] after, long flagged) {
        jdbc.sql("""
                UPDATE authenticator_flagging SET after_credential = :after, flagged = :flagged
                 WHERE tenant_id = :t AND aaguid = :a AND blob_no = :no""")
                .param("after", after).param("flagged", flagged).param("t", job.tenantId()).param("a", job.aaguid())
                .param("no", job.blobNo()).update();
    }

    void done(Job job, Instant now) {
        jdbc.sql("""
                UPDATE authenticator_flagging SET done_at = :at WHERE tenant_id = :t AND aaguid = :a AND blob_no = :no""")
                .param("at", utc(now)).param("t", job.tenantId()).param("a", job.aaguid()).param("no", job.blobNo())
                .update();
    }
}
