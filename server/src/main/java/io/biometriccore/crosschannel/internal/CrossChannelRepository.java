package io.biometriccore.crosschannel.internal;

import static io.biometriccore.shared.SqlTimes.requiredInstant;
import static io.biometriccore.shared.SqlTimes.utc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.biometriccore.risk.Place;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code cross_channel_request} table. Status changes are compare-and-set. */
@Repository
class CrossChannelRepository {

    /** {@code BURNED}: closed for good after too many wrong codes. */
    enum Status { PENDING, APPROVED, CONSUMED, BURNED }

    /** A request, who made it, and once approved the phone's authentication it carries. */
    record Request(UUID id, String tenantId, byte[] secretHash, String userCode, Status status, Instant expiresAt,
            Requester requester, @Nullable UUID approvedBySession, @Nullable UUID customerId,
            @Nullable String userHandle, @Nullable UUID deviceId, boolean userVerified, boolean backupEligible,
            boolean trustedAttestation, boolean restricted) {
    }

    /**
     * What the request's browser looked like to the server when it asked, as the approving phone shows it.
     *
     * @param place where the locator put the browser's address, for the risk engine; never shown
     */
    record Requester(String network, String location, String browser, String os, Instant requestedAt,
            @JsonIgnore Place place) {
        Requester {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(browser, "browser");
            Objects.requireNonNull(os, "os");
            Objects.requireNonNull(requestedAt, "requestedAt");
            Objects.requireNonNull(place, "place");
        }
    }

    /**
     * The phone's authentication, as stored with the approval.
     *
     * @param restricted the browser's session opens at the tenant's weakest level: the risk engine asked
     *                   the approval to step up, or the credential is flagged (ADR 0040)
     */
    record Approval(UUID approvedBySession, UUID customerId, String userHandle, UUID deviceId, boolean userVerified,
            boolean backupEligible, boolean trustedAttestation, boolean restricted) {
    }

    private final JdbcClient jdbc;

    CrossChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String tenantId, byte[] secretHash, String userCode, Requester requester, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO cross_channel_request (id, tenant_id, secret_hash, user_code, status, created_at, expires_at,
                       requester_network, requester_location, requester_browser, requester_os, requester_place)
                VALUES (:id, :tenant, :hash, :code, 'PENDING', :now, :expires, :network, :location, :browser, :os,
                        :place)""")
                .param("id", id).param("tenant", tenantId).param("hash", secretHash).param("code", userCode)
                .param("now", utc(requester.requestedAt())).param("expires", utc(expiresAt))
                .param("network", requester.network()).param("location", requester.location())
                .param("browser", requester.browser()).param("os", requester.os())
                .param("place", RequesterPlaces.json(requester.place())).update();
    }

    Optional<Request> find(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM cross_channel_request WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(CrossChannelRepository::map).optional();
    }

    boolean approve(String tenantId, UUID id, Approval a, Instant now) {
        return jdbc.sql("""
                UPDATE cross_channel_request
                   SET status = 'APPROVED', approved_at = :now, approved_by_session = :session, customer_id = :customer,
                       user_handle = :handle, device_id = :device, user_verified = :uv, backup_eligible = :be,
                       trusted_attestation = :trusted, restricted = :restricted
                 WHERE tenant_id = :tenant AND id = :id AND status = 'PENDING' AND expires_at > :now""")
                .param("now", utc(now)).param("session", a.approvedBySession()).param("customer", a.customerId())
                .param("handle", a.userHandle()).param("device", a.deviceId()).param("uv", a.userVerified())
                .param("be", a.backupEligible()).param("trusted", a.trustedAttestation())
                .param("restricted", a.restricted()).param("tenant", tenantId)
                .param("id", id).update() == 1;
    }

    /**
     * Counts a wrong code against a pending request, and burns it with the {@code limit}-th. Answers the
     * wrong codes counted so far, or empty when the request is no longer pending.
     */
    Optional<Integer> recordCodeFailure(String tenantId, UUID id, int limit, Instant now) {
        int updated = jdbc.sql("""
                UPDATE cross_channel_request
                   SET code_failures = code_failures + 1,
                       status = CASE WHEN code_failures + 1 >= :limit THEN 'BURNED' ELSE status END
                 WHERE tenant_id = :tenant AND id = :id AND status = 'PENDING' AND expires_at > :now""")
                .param("limit", limit).param("tenant", tenantId).param("id", id).param("now", utc(now)).update();
        if (updated == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql(
                "SELECT code_failures FROM cross_channel_request WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(Integer.class).single());
    }

    /** Single use: exactly one claim of an approval wins. */
    boolean consume(String tenantId, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE cross_channel_request SET status = 'CONSUMED', consumed_at = :now
                 WHERE tenant_id = :tenant AND id = :id AND status = 'APPROVED' AND expires_at > :now""")
                .param("now", utc(now)).param("tenant", tenantId).param("id", id).update() == 1;
    }

    private static Request map(ResultSet rs, int row) throws SQLException {
        return new Request(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getBytes("secret_hash"),
                rs.getString("user_code"), Status.valueOf(rs.getString("status")),
                requiredInstant(rs, "expires_at"), new Requester(rs.getString("requester_network"),
                        rs.getString("requester_location"), rs.getString("requester_browser"),
                        rs.getString("requester_os"), requiredInstant(rs, "created_at"),
                        RequesterPlaces.of(rs.getString("requester_place"))),
                rs.getObject("approved_by_session", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getString("user_handle"), rs.getObject("device_id", UUID.class), rs.getBoolean("user_verified"),
                rs.getBoolean("backup_eligible"), rs.getBoolean("trusted_attestation"), rs.getBoolean("restricted"));
    }
}
