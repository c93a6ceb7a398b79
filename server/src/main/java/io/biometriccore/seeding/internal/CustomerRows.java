package io.biometriccore.seeding.internal;

import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.testkit.SeededCustomer;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Seeded customers as CSV rows of the {@code customer}, {@code device} and {@code credential} tables,
 * for COPY. The values are those a bank's backend and a registration write (CustomerRepository,
 * CredentialRepository): a none-attestation ES256 passkey with UV, the zero AAGUID, not backup-eligible,
 * transport {@code internal}, counter 0. Every value is generated here and needs no CSV quoting.
 */
final class CustomerRows {

    static final String CUSTOMER_COPY = "COPY customer (id, tenant_id, user_handle, username, display_name, "
            + "external_id, created_at) FROM STDIN WITH (FORMAT csv)";
    static final String DEVICE_COPY = "COPY device (id, tenant_id, customer_id, name, platform, created_at) "
            + "FROM STDIN WITH (FORMAT csv)";
    static final String CREDENTIAL_COPY = "COPY credential (tenant_id, credential_id, customer_id, device_id, "
            + "public_key_cose, algorithm, sign_count, aaguid, transports, uv_initialized, backup_eligible, "
            + "backup_state, attestation_format, attestation_trust, status, created_at) FROM STDIN WITH (FORMAT csv)";

    private static final HexFormat HEX = HexFormat.of();
    private static final long ES256 = -7;
    /** The seeded credentials' model counted in the inventory with them (ADR 0040), in the same transaction. */
    static final String INVENTORY_ROW = "INSERT INTO authenticator_inventory (tenant_id, aaguid, credentials, synced)"
            + " VALUES (?, CAST(? AS UUID), 0, 0) ON CONFLICT DO NOTHING";
    static final String INVENTORY_COUNT = "UPDATE authenticator_inventory SET credentials = credentials + ?"
            + " WHERE tenant_id = ? AND aaguid = CAST(? AS UUID)";

    static final String ZERO_AAGUID = "00000000-0000-0000-0000-000000000000";

    final StringBuilder customers = new StringBuilder();
    final StringBuilder devices = new StringBuilder();
    final StringBuilder credentials = new StringBuilder();
    private final String tenantId;
    private final String createdAt;
    private int count;

    CustomerRows(String tenantId, Instant createdAt) {
        this.tenantId = tenantId;
        this.createdAt = createdAt.toString();
    }

    void add(SeededCustomer c) {
        DeviceProfile device = DeviceProfile.of(c.index());
        row(customers, c.customerId(), tenantId, bytea(c.userHandle()), c.username(), "Bench customer " + c.index(),
                c.username(), createdAt);
        row(devices, c.deviceId(), tenantId, c.customerId(), device.deviceName, device.platform.name(), createdAt);
        row(credentials, tenantId, bytea(c.credentialId()), c.customerId(), c.deviceId(), bytea(c.publicKeyCose()),
                ES256, 0, ZERO_AAGUID, "internal", true, false, false, "none", AttestationTrust.NONE.name(),
                CredentialStatus.ACTIVE.name(), createdAt);
        count++;
    }

    /** Appends {@code other}'s rows after these. */
    void addAll(CustomerRows other) {
        customers.append(other.customers);
        devices.append(other.devices);
        credentials.append(other.credentials);
        count += other.count;
    }

    int count() {
        return count;
    }

    private static void row(StringBuilder table, Object... values) {
        for (int i = 0; i < values.length; i++) {
            table.append(i == 0 ? "" : ",").append(values[i]);
        }
        table.append('\n');
    }

    /** PostgreSQL's hex input format for {@code bytea}. */
    private static String bytea(byte[] bytes) {
        return "\\x" + HEX.formatHex(bytes);
    }
}
