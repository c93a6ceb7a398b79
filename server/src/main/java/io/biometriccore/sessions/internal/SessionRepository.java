package io.biometriccore.sessions.internal;

import static io.biometriccore.shared.SqlTimes.instant;
import static io.biometriccore.shared.SqlTimes.requiredInstant;
import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.sessions.Channel;
import io.biometriccore.sessions.RevocationReason;
import io.biometriccore.sessions.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code auth_session} and {@code refresh_token} tables. Every statement is scoped by tenant. */
@Repository
public class SessionRepository {

    /** A refresh token's state. ROTATED ones are kept so that their reuse can be detected. */
    public enum RefreshStatus { ACTIVE, ROTATED, REVOKED }

    /** A stored refresh token. */
    public record RefreshToken(UUID sessionId, RefreshStatus status) {
    }

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Session s) {
        jdbc.sql("""
                INSERT INTO auth_session (id, tenant_id, customer_id, user_handle, device_id, channel, acr, amr,
                    auth_time, created_at, last_seen_at, idle_expires_at, absolute_expires_at, user_agent, dpop_jkt)
                VALUES (:id, :tenant, :customer, :handle, :device, :channel, :acr, :amr, :authTime, :created,
                    :lastSeen, :idle, :absolute, :ua, :jkt)""")
                .param("id", s.id()).param("tenant", s.tenantId()).param("customer", s.customerId())
                .param("handle", s.userHandle()).param("device", s.deviceId()).param("channel", s.channel().name())
                .param("acr", s.acr()).param("amr", String.join(" ", s.amr())).param("authTime", utc(s.authTime()))
                .param("created", utc(s.createdAt())).param("lastSeen", utc(s.lastSeenAt()))
                .param("idle", utc(s.idleExpiresAt())).param("absolute", utc(s.absoluteExpiresAt()))
                .param("ua", s.userAgent()).param("jkt", s.dpopJkt()).update();
    }

    public Optional<Session> find(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM auth_session WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(SessionRepository::map).optional();
    }

    /** Sessions of a customer that are neither revoked nor expired at {@code now}, newest first. */
    public List<Session> listActive(String tenantId, UUID customerId, Instant now) {
        return jdbc.sql("""
                SELECT * FROM auth_session
                 WHERE tenant_id = :tenant AND customer_id = :customer AND revoked_at IS NULL
                   AND idle_expires_at > :now AND absolute_expires_at > :now
                 ORDER BY created_at DESC""")
                .param("tenant", tenantId).param("customer", customerId).param("now", utc(now))
                .query(SessionRepository::map).list();
    }

    /** A refresh moved the session's idle expiry forward. */
    public void touch(String tenantId, UUID id, Instant now, Instant idleExpiresAt) {
        jdbc.sql("""
                UPDATE auth_session SET last_seen_at = :now, idle_expires_at = :idle
                 WHERE tenant_id = :tenant AND id = :id""")
                .param("now", utc(now)).param("idle", utc(idleExpiresAt)).param("tenant", tenantId).param("id", id)
                .update();
    }

    /** Step-up: the session's level and auth_time become those of the fresh authentication. */
    public void recordStepUp(String tenantId, UUID id, String acr, List<String> amr, Instant authTime,
            Instant idleExpiresAt) {
        jdbc.sql("""
                UPDATE auth_session SET acr = :acr, amr = :amr, auth_time = :authTime, last_seen_at = :authTime,
                       idle_expires_at = :idle
                 WHERE tenant_id = :tenant AND id = :id AND revoked_at IS NULL""")
                .param("acr", acr).param("amr", String.join(" ", amr)).param("authTime", utc(authTime))
                .param("idle", utc(idleExpiresAt)).param("tenant", tenantId).param("id", id).update();
    }

    public boolean revoke(String tenantId, UUID id, RevocationReason reason, Instant now) {
        return jdbc.sql("""
                UPDATE auth_session SET revoked_at = :now, revoked_reason = :reason
                 WHERE tenant_id = :tenant AND id = :id AND revoked_at IS NULL""")
                .param("now", utc(now)).param("reason", reason.wireName()).param("tenant", tenantId).param("id", id)
                .update() == 1;
    }

    public List<Session> unrevokedOfCustomer(String tenantId, UUID customerId) {
        return jdbc.sql("SELECT * FROM auth_session WHERE tenant_id = :tenant AND customer_id = :customer AND revoked_at IS NULL")
                .param("tenant", tenantId).param("customer", customerId).query(SessionRepository::map).list();
    }

    public List<Session> unrevokedOfDevice(String tenantId, UUID deviceId) {
        return jdbc.sql("SELECT * FROM auth_session WHERE tenant_id = :tenant AND device_id = :device AND revoked_at IS NULL")
                .param("tenant", tenantId).param("device", deviceId).query(SessionRepository::map).list();
    }

    public void insertRefreshToken(String tenantId, UUID sessionId, byte[] hash, Instant now) {
        jdbc.sql("""
                INSERT INTO refresh_token (token_hash, tenant_id, session_id, status, created_at)
                VALUES (:hash, :tenant, :session, 'ACTIVE', :now)""")
                .param("hash", hash).param("tenant", tenantId).param("session", sessionId).param("now", utc(now))
                .update();
    }

    public Optional<RefreshToken> findRefreshToken(String tenantId, byte[] hash) {
        return jdbc.sql("SELECT session_id, status FROM refresh_token WHERE tenant_id = :tenant AND token_hash = :hash")
                .param("tenant", tenantId).param("hash", hash)
                .query((rs, row) -> new RefreshToken(rs.getObject("session_id", UUID.class),
                        RefreshStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    /** Compare-and-set ACTIVE to ROTATED: exactly one of two concurrent uses wins. */
    public boolean rotate(String tenantId, byte[] hash, Instant now) {
        return jdbc.sql("""
                UPDATE refresh_token SET status = 'ROTATED', rotated_at = :now
                 WHERE tenant_id = :tenant AND token_hash = :hash AND status = 'ACTIVE'""")
                .param("now", utc(now)).param("tenant", tenantId).param("hash", hash).update() == 1;
    }

    /** Every live refresh token of the session stops working (step-up hands out a new one). */
    public void revokeRefreshTokens(String tenantId, UUID sessionId) {
        jdbc.sql("""
                UPDATE refresh_token SET status = 'REVOKED'
                 WHERE tenant_id = :tenant AND session_id = :session AND status = 'ACTIVE'""")
                .param("tenant", tenantId).param("session", sessionId).update();
    }

    private static Session map(ResultSet rs, int row) throws SQLException {
        return new Session(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                rs.getObject("customer_id", UUID.class), rs.getString("user_handle"),
                rs.getObject("device_id", UUID.class), Channel.valueOf(rs.getString("channel")), rs.getString("acr"),
                Arrays.stream(rs.getString("amr").split(" ")).filter(s -> !s.isEmpty()).toList(),
                requiredInstant(rs, "auth_time"), requiredInstant(rs, "created_at"), requiredInstant(rs, "last_seen_at"),
                requiredInstant(rs, "idle_expires_at"), requiredInstant(rs, "absolute_expires_at"), rs.getString("user_agent"),
                instant(rs, "revoked_at"), rs.getString("revoked_reason"), rs.getString("dpop_jkt"));
    }
}
