package io.biometriccore.appintegrity.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.appintegrity.AttestationChallenge;
import io.biometriccore.appintegrity.AttestingDevice;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code app_attestation_challenge}: one pending challenge a device. Taking it is one {@code DELETE} that
 * names the tenant, the customer, the device, the challenge and an unexpired time, so of two concurrent
 * takes exactly one gets it, and a wrong one leaves nothing to try again with.
 */
@Repository
class AttestationChallenges {

    private final JdbcClient jdbc;

    AttestationChallenges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the device's challenge in place of any it had; in the caller's transaction. */
    void replace(AttestingDevice device, AttestationChallenge challenge) {
        jdbc.sql("DELETE FROM app_attestation_challenge WHERE device_id = :device AND tenant_id = :tenant")
                .param("device", device.deviceId()).param("tenant", device.tenantId()).update();
        jdbc.sql("""
                INSERT INTO app_attestation_challenge (device_id, tenant_id, customer_id, challenge, expires_at)
                VALUES (:device, :tenant, :customer, :challenge, :expires)""")
                .param("device", device.deviceId()).param("tenant", device.tenantId())
                .param("customer", device.customerId()).param("challenge", challenge.challenge())
                .param("expires", utc(challenge.expiresAt())).update();
    }

    /** Whether the device's pending challenge was {@code challenge}, unexpired at {@code now}; it is gone either way. */
    boolean take(AttestingDevice device, String challenge, Instant now) {
        int taken = jdbc.sql("""
                DELETE FROM app_attestation_challenge WHERE device_id = :device AND tenant_id = :tenant
                  AND customer_id = :customer AND challenge = :challenge AND expires_at > :now""")
                .param("device", device.deviceId()).param("tenant", device.tenantId())
                .param("customer", device.customerId()).param("challenge", challenge).param("now", utc(now)).update();
        if (taken == 0) {
            jdbc.sql("DELETE FROM app_attestation_challenge WHERE device_id = :device AND tenant_id = :tenant")
                    .param("device", device.deviceId()).param("tenant", device.tenantId()).update();
        }
        return taken == 1;
    }
}
