package io.biometriccore.credentials.internal;

import static io.biometriccore.shared.SqlTimes.instant;
import static io.biometriccore.shared.SqlTimes.requiredInstant;
import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.credentials.Credential;
import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.credentials.Platform;
import io.biometriccore.credentials.Device;
import io.biometriccore.credentials.KeyProtection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code credential} and {@code device} tables. Every statement is scoped by tenant. */
@Repository
public class CredentialRepository {

    private final JdbcClient jdbc;
    private final AuthenticatorInventory inventory;

    CredentialRepository(JdbcClient jdbc, AuthenticatorInventory inventory) {
        this.jdbc = jdbc;
        this.inventory = inventory;
    }

    public Optional<Credential> find(String tenantId, byte[] credentialId) {
        return jdbc.sql("SELECT * FROM credential WHERE tenant_id = :t AND credential_id = :id")
                .param("t", tenantId).param("id", credentialId).query(CredentialRepository::credential).optional();
    }

    public List<Credential> listForCustomer(String tenantId, UUID customerId) {
        return jdbc.sql("SELECT * FROM credential WHERE tenant_id = :t AND customer_id = :c ORDER BY created_at")
                .param("t", tenantId).param("c", customerId).query(CredentialRepository::credential).list();
    }

    public void insertDevice(Device device) {
        jdbc.sql("""
                INSERT INTO device (id, tenant_id, customer_id, name, platform, created_at)
                VALUES (:id, :t, :c, :name, :platform, :at)""")
                .param("id", device.id()).param("t", device.tenantId()).param("c", device.customerId())
                .param("name", device.name()).param("platform", device.platform().name())
                .param("at", utc(device.createdAt())).update();
    }

    /** @return false when the tenant already has a credential with this id; else it is counted in the inventory */
    public boolean insertCredential(Credential c) {
        // ON CONFLICT keeps a PostgreSQL transaction usable; a unique violation would abort it.
        boolean inserted = jdbc.sql("""
                INSERT INTO credential (tenant_id, credential_id, customer_id, device_id, public_key_cose, algorithm,
                       sign_count, aaguid, transports, uv_initialized, backup_eligible, backup_state,
                       attestation_format, attestation_trust, status, created_at, key_protection, attachment_hint)
                VALUES (:t, :id, :customer, :device, :key, :alg, :count, :aaguid, :transports, :uv, :be, :bs,
                       :fmt, :trust, :status, :at, :protection, :hint) ON CONFLICT DO NOTHING""")
                .param("t", c.tenantId()).param("id", c.credentialId()).param("customer", c.customerId())
                .param("device", c.deviceId()).param("key", c.publicKeyCose()).param("alg", c.algorithm())
                .param("count", c.signCount()).param("aaguid", c.aaguid())
                .param("transports", joined(c.transports()))
                .param("uv", c.uvInitialized()).param("be", c.backupEligible()).param("bs", c.backupState())
                .param("fmt", c.attestationFormat()).param("trust", c.attestationTrust().name())
                .param("status", c.status().name()).param("at", utc(c.createdAt()))
                .param("protection", c.keyProtection().name()).param("hint", joined(c.attachmentHint()))
                .update() == 1;
        if (inserted) {
            inventory.added(c.tenantId(), c.aaguid(), c.backupEligible());
        }
        return inserted;
    }

    /**
     * Compare-and-set of the counter: succeeds only if nobody used or blocked the credential since it
     * was read, so two concurrent assertions cannot both pass.
     */
    public boolean recordUse(Credential used, long newCount, boolean backupState, Instant at) {
        int updated = jdbc.sql("""
                UPDATE credential SET sign_count = :new, backup_state = :bs
                 WHERE tenant_id = :t AND credential_id = :id AND sign_count = :expected AND status = 'ACTIVE'""")
                .param("new", newCount).param("bs", backupState).param("t", used.tenantId())
                .param("id", used.credentialId()).param("expected", used.signCount()).update();
        if (updated == 1) {
            jdbc.sql("UPDATE device SET last_used_at = :at WHERE tenant_id = :t AND id = :device")
                    .param("at", utc(at)).param("t", used.tenantId()).param("device", used.deviceId()).update();
        }
        return updated == 1;
    }

    /** A revoked credential stays revoked; any other becomes {@code SUSPECTED_CLONE}. */
    public void markSuspectedClone(String tenantId, byte[] credentialId) {
        jdbc.sql("""
                UPDATE credential SET status = 'SUSPECTED_CLONE'
                 WHERE tenant_id = :t AND credential_id = :id AND status <> 'REVOKED'""")
                .param("t", tenantId).param("id", credentialId).update();
    }

    /** A device joined with its credential. */
    public record DeviceRow(UUID id, UUID customerId, String name, UUID aaguid, Platform platform,
            CredentialStatus status, boolean backupEligible, boolean backupState, AttestationTrust attestationTrust,
            KeyProtection keyProtection, Set<String> attachmentHint, Instant createdAt, @Nullable Instant lastUsedAt) {
    }

    private static final String DEVICE_ROWS = """
            SELECT d.id, d.customer_id, d.name, d.platform, d.created_at, d.last_used_at, c.aaguid, c.status,
                   c.backup_eligible, c.backup_state, c.attestation_trust, c.key_protection, c.attachment_hint
              FROM device d JOIN credential c ON c.tenant_id = d.tenant_id AND c.device_id = d.id
            """;

    public List<DeviceRow> listDevices(String tenantId, UUID customerId) {
        return jdbc.sql(DEVICE_ROWS + " WHERE d.tenant_id = :t AND d.customer_id = :c ORDER BY d.created_at, d.id")
                .param("t", tenantId).param("c", customerId).query(CredentialRepository::deviceRow).list();
    }

    public Optional<DeviceRow> findDevice(String tenantId, UUID customerId, UUID deviceId) {
        return jdbc.sql(DEVICE_ROWS + " WHERE d.tenant_id = :t AND d.customer_id = :c AND d.id = :d")
                .param("t", tenantId).param("c", customerId).param("d", deviceId)
                .query(CredentialRepository::deviceRow).optional();
    }

    public void renameDevice(String tenantId, UUID customerId, UUID deviceId, String name) {
        jdbc.sql("UPDATE device SET name = :name WHERE tenant_id = :t AND customer_id = :c AND id = :d")
                .param("name", name).param("t", tenantId).param("c", customerId).param("d", deviceId).update();
    }

    /** Compare-and-set on the status, so a concurrent clone detection is not overwritten by a resume. */
    public boolean changeStatus(String tenantId, UUID customerId, UUID deviceId, CredentialStatus from,
            CredentialStatus to) {
        return jdbc.sql("""
                UPDATE credential SET status = :to
                 WHERE tenant_id = :t AND customer_id = :c AND device_id = :d AND status = :from""")
                .param("to", to.name()).param("t", tenantId).param("c", customerId).param("d", deviceId)
                .param("from", from.name()).update() > 0;
    }

    /** Revokes whatever the status is, unless revoked already; revocation never loses a race. */
    public boolean revoke(String tenantId, UUID customerId, UUID deviceId) {
        return jdbc.sql("""
                UPDATE credential SET status = 'REVOKED'
                 WHERE tenant_id = :t AND customer_id = :c AND device_id = :d AND status <> 'REVOKED'""")
                .param("t", tenantId).param("c", customerId).param("d", deviceId).update() > 0;
    }

    public Optional<CredentialStatus> lockStatus(String tenantId, UUID deviceId) {
        return jdbc.sql("SELECT status FROM credential WHERE tenant_id = :t AND device_id = :d FOR UPDATE")
                .param("t", tenantId).param("d", deviceId).query((rs, row) -> CredentialStatus.valueOf(rs.getString(1)))
                .optional();
    }

    /** Erases the customer's credentials and devices; those not revoked leave the inventory. */
    public void deleteForCustomer(String tenantId, UUID customerId) {
        // Locked first, so that a revocation racing the erasure cannot take the same credential away twice.
        jdbc.sql("""
                SELECT aaguid, backup_eligible FROM credential
                 WHERE tenant_id = :t AND customer_id = :c AND status <> 'REVOKED' FOR UPDATE""")
                .param("t", tenantId).param("c", customerId)
                .query((rs, row) -> new Counted(rs.getObject("aaguid", UUID.class), rs.getBoolean("backup_eligible")))
                .list().forEach(c -> inventory.removed(tenantId, c.aaguid(), c.backupEligible()));
        jdbc.sql("DELETE FROM credential WHERE tenant_id = :t AND customer_id = :c")
                .param("t", tenantId).param("c", customerId).update();
        jdbc.sql("DELETE FROM device WHERE tenant_id = :t AND customer_id = :c")
                .param("t", tenantId).param("c", customerId).update();
    }

    private record Counted(UUID aaguid, boolean backupEligible) {
    }

    /** A credential a flagging batch went through. */
    public record ModelCredential(byte[] credentialId, UUID customerId, UUID deviceId, CredentialStatus status,
            boolean flagged) {
    }

    /** The next batch of the tenant's credentials of a model, after {@code after} in credential id order. */
    public List<ModelCredential> modelBatch(String tenantId, UUID aaguid, byte[] after, int limit) {
        return jdbc.sql("""
                SELECT credential_id, customer_id, device_id, status, flagged FROM credential
                 WHERE tenant_id = :t AND aaguid = :a AND credential_id > :after ORDER BY credential_id LIMIT :limit""")
                .param("t", tenantId).param("a", aaguid).param("after", after).param("limit", limit)
                .query((rs, row) -> new ModelCredential(rs.getBytes("credential_id"),
                        rs.getObject("customer_id", UUID.class), rs.getObject("device_id", UUID.class),
                        CredentialStatus.valueOf(rs.getString("status")), rs.getBoolean("flagged")))
                .list();
    }

    /** @return false when the credential is flagged already or revoked meanwhile */
    public boolean flag(String tenantId, byte[] credentialId, String status, Instant at) {
        return jdbc.sql("""
                UPDATE credential SET flagged = TRUE, flagged_status = :status, flagged_at = :at
                 WHERE tenant_id = :t AND credential_id = :id AND flagged = FALSE AND status <> 'REVOKED'""")
                .param("status", status).param("at", utc(at)).param("t", tenantId).param("id", credentialId)
                .update() == 1;
    }

    /** An administrator resumed the device: the flag has done its part. */
    public void clearFlag(String tenantId, UUID customerId, UUID deviceId) {
        jdbc.sql("""
                UPDATE credential SET flagged = FALSE, flagged_status = NULL, flagged_at = NULL
                 WHERE tenant_id = :t AND customer_id = :c AND device_id = :d AND flagged = TRUE""")
                .param("t", tenantId).param("c", customerId).param("d", deviceId).update();
    }

    /** A flagged credential, for the list of affected customers and devices. */
    public record FlaggedRow(byte[] credentialId, UUID customerId, UUID deviceId, UUID aaguid, String flaggedStatus,
            Instant flaggedAt, CredentialStatus status) {
    }

    /** The tenant's flagged credentials after {@code after} in credential id order: a keyset page. */
    public List<FlaggedRow> flaggedPage(String tenantId, byte[] after, int limit) {
        return jdbc.sql("""
                SELECT credential_id, customer_id, device_id, aaguid, flagged_status, flagged_at, status FROM credential
                 WHERE tenant_id = :t AND flagged = TRUE AND credential_id > :after ORDER BY credential_id LIMIT :limit""")
                .param("t", tenantId).param("after", after).param("limit", limit)
                .query((rs, row) -> new FlaggedRow(rs.getBytes("credential_id"), rs.getObject("customer_id", UUID.class),
                        rs.getObject("device_id", UUID.class), rs.getObject("aaguid", UUID.class),
                        rs.getString("flagged_status"), requiredInstant(rs, "flagged_at"),
                        CredentialStatus.valueOf(rs.getString("status"))))
                .list();
    }

    private static DeviceRow deviceRow(ResultSet rs, int row) throws SQLException {
        return new DeviceRow(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getString("name"), rs.getObject("aaguid", UUID.class), Platform.valueOf(rs.getString("platform")),
                CredentialStatus.valueOf(rs.getString("status")), rs.getBoolean("backup_eligible"),
                rs.getBoolean("backup_state"), AttestationTrust.valueOf(rs.getString("attestation_trust")),
                KeyProtection.valueOf(rs.getString("key_protection")), split(rs.getString("attachment_hint")),
                requiredInstant(rs, "created_at"), instant(rs, "last_used_at"));
    }

    private static String joined(Set<String> values) {
        return String.join(",", values.stream().sorted().toList());
    }

    private static Set<String> split(String joined) {
        return joined.isEmpty() ? Set.of() : Arrays.stream(joined.split(",")).collect(Collectors.toUnmodifiableSet());
    }

    private static Credential credential(ResultSet rs, int row) throws SQLException {
        Set<String> transportSet = split(rs.getString("transports"));
        return new Credential(rs.getString("tenant_id"), rs.getBytes("credential_id"),
                rs.getObject("customer_id", UUID.class), rs.getObject("device_id", UUID.class),
                rs.getBytes("public_key_cose"), rs.getLong("algorithm"), rs.getLong("sign_count"),
                rs.getObject("aaguid", UUID.class), transportSet, rs.getBoolean("uv_initialized"),
                rs.getBoolean("backup_eligible"), rs.getBoolean("backup_state"), rs.getString("attestation_format"),
                AttestationTrust.valueOf(rs.getString("attestation_trust")),
                CredentialStatus.valueOf(rs.getString("status")), instant(rs, "created_at"),
                rs.getBoolean("flagged") ? rs.getString("flagged_status") : null,
                KeyProtection.valueOf(rs.getString("key_protection")), split(rs.getString("attachment_hint")));
    }
}
