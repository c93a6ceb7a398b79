package io.biometriccore.appintegrity.internal;

import static io.biometriccore.shared.SqlTimes.instant;
import static io.biometriccore.shared.SqlTimes.requiredInstant;
import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.appintegrity.AppAttestKey;
import io.biometriccore.appintegrity.AttestingDevice;
import io.biometriccore.appintegrity.BootState;
import io.biometriccore.appintegrity.DeviceAttestation;
import io.biometriccore.appintegrity.Platform;
import io.biometriccore.appintegrity.SecurityLevel;
import io.biometriccore.appintegrity.VerifiedPosture;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code device_app_integrity}: per device, what its last verified attestation proved, its App Attest
 * key and counter, and its last refusal. Every statement reads or writes one row by its primary key.
 */
@Repository
class DeviceRecords {

    /** A device's App Attest key with the app it is of and the last counter seen. */
    record AttestedKey(String appId, AppAttestKey key, long counter) {
    }

    private final JdbcClient jdbc;

    DeviceRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DeviceAttestation> find(String tenantId, UUID deviceId) {
        return jdbc.sql("SELECT * FROM device_app_integrity WHERE device_id = :device AND tenant_id = :tenant")
                .param("device", deviceId).param("tenant", tenantId).query(DeviceRecords::attestation).optional();
    }

    Optional<AttestedKey> appAttestKey(AttestingDevice device) {
        return jdbc.sql("""
                SELECT app_id, key_id, attested_credential_data, development, assertion_counter FROM device_app_integrity
                 WHERE device_id = :device AND tenant_id = :tenant AND customer_id = :customer AND key_id IS NOT NULL""")
                .param("device", device.deviceId()).param("tenant", device.tenantId())
                .param("customer", device.customerId())
                .query((rs, row) -> new AttestedKey(rs.getString("app_id"), new AppAttestKey(rs.getBytes("key_id"),
                        rs.getBytes("attested_credential_data"), rs.getBoolean("development")),
                        rs.getLong("assertion_counter")))
                .optional();
    }

    /** Keeps a verified attestation's posture (and App Attest key, counter 0), clearing any failure. */
    void verified(AttestingDevice device, VerifiedPosture posture, @Nullable AppAttestKey key) {
        Map<String, @Nullable Object> values = new HashMap<>();
        values.put("platform", posture.platform().wireName());
        values.put("level", posture.securityLevel().wireName());
        values.put("boot", posture.bootState().wireName());
        values.put("locked", posture.deviceLocked());
        values.put("app", posture.appId());
        values.put("version", posture.appVersion());
        values.put("patch", posture.osPatchLevel());
        values.put("verified", utc(posture.verifiedAt()));
        values.put("keyId", key == null ? null : key.keyId());
        values.put("credentialData", key == null ? null : key.attestedCredentialData());
        values.put("development", key == null ? null : key.development());
        values.put("counter", key == null ? null : 0L);
        upsert(device, """
                platform = :platform, security_level = :level, boot_state = :boot, device_locked = :locked,
                app_id = :app, app_version = :version, os_patch_level = :patch, verified_at = :verified,
                key_id = :keyId, attested_credential_data = :credentialData, development = :development,
                assertion_counter = :counter, failure_code = NULL, failed_at = NULL""", values);
    }

    /** Remembers a refusal beside what the record proved before. */
    void failed(AttestingDevice device, String code, Instant at) {
        upsert(device, "failure_code = :code, failed_at = :at", Map.of("code", code, "at", utc(at)));
    }

    /** Compare-and-set: of two assertions over one stored counter, only one moves it. */
    boolean advanceCounter(AttestingDevice device, long stored, long counter) {
        return jdbc.sql("""
                UPDATE device_app_integrity SET assertion_counter = :counter
                 WHERE device_id = :device AND tenant_id = :tenant AND assertion_counter = :stored""")
                .param("counter", counter).param("device", device.deviceId()).param("tenant", device.tenantId())
                .param("stored", stored).update() == 1;
    }

    /** An update of the device's row, inserted first when there is none; in the caller's transaction. */
    private void upsert(AttestingDevice device, String assignments, Map<String, ?> values) {
        jdbc.sql("""
                INSERT INTO device_app_integrity (device_id, tenant_id, customer_id) VALUES (:device, :tenant, :customer)
                ON CONFLICT DO NOTHING""")
                .param("device", device.deviceId()).param("tenant", device.tenantId())
                .param("customer", device.customerId()).update();
        jdbc.sql("UPDATE device_app_integrity SET " + assignments
                        + " WHERE device_id = :device AND tenant_id = :tenant AND customer_id = :customer")
                .params(values).param("device", device.deviceId()).param("tenant", device.tenantId())
                .param("customer", device.customerId()).update();
    }

    private static DeviceAttestation attestation(ResultSet rs, int row) throws SQLException {
        return new DeviceAttestation(posture(rs), rs.getString("failure_code"), instant(rs, "failed_at"));
    }

    private static @Nullable VerifiedPosture posture(ResultSet rs) throws SQLException {
        if (rs.getString("platform") == null) {
            return null;
        }
        long version = rs.getLong("app_version");
        Long appVersion = rs.wasNull() ? null : version;
        int patch = rs.getInt("os_patch_level");
        Integer osPatchLevel = rs.wasNull() ? null : patch;
        boolean locked = rs.getBoolean("device_locked");
        Boolean deviceLocked = rs.wasNull() ? null : locked;
        return new VerifiedPosture(Platform.valueOf(upper(rs, "platform")),
                SecurityLevel.valueOf(upper(rs, "security_level")), BootState.valueOf(upper(rs, "boot_state")),
                deviceLocked, rs.getString("app_id"), appVersion, osPatchLevel, requiredInstant(rs, "verified_at"));
    }

    private static String upper(ResultSet rs, String column) throws SQLException {
        return rs.getString(column).toUpperCase(Locale.ROOT);
    }
}
