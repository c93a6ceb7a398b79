package io.biometriccore.risk.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.tenancy.RiskOutcome;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code risk_engine}: each tenant's external risk engine, its secret wrapped by the tenant's key-encryption key. */
@Repository
class ExternalEngines {

    /** The most a call to an engine may take: it runs inside the customer's ceremony. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(2);

    /**
     * A tenant's engine.
     *
     * @param timeout       how long one call may take, at most {@link #MAX_TIMEOUT}
     * @param fallback      the outcome's floor when the engine does not answer in time or properly
     * @param wrappedSecret the secret as {@code KeyProvider.wrap} made it; never the secret itself
     */
    record Engine(String tenantId, URI url, Duration timeout, RiskOutcome fallback, byte[] wrappedSecret,
            Instant createdAt, Instant updatedAt) {

        Engine {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(fallback, "fallback");
            Objects.requireNonNull(wrappedSecret, "wrappedSecret");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("timeout must be positive and at most " + MAX_TIMEOUT);
            }
        }

        /** Without the secret, which must never reach a log. */
        @Override
        public String toString() {
            return "Engine[tenantId=" + tenantId + ", url=" + url + ", timeout=" + timeout + ", fallback="
                    + fallback.wireName() + "]";
        }
    }

    private final JdbcClient jdbc;

    ExternalEngines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Engine> find(String tenantId) {
        return jdbc.sql("SELECT * FROM risk_engine WHERE tenant_id = :tenant").param("tenant", tenantId)
                .query(ExternalEngines::engine).optional();
    }

    void insert(Engine engine) {
        jdbc.sql("""
                INSERT INTO risk_engine (tenant_id, url, timeout_millis, fallback, wrapped_secret, created_at, updated_at)
                VALUES (:tenant, :url, :timeout, :fallback, :secret, :created, :updated)""")
                .param("tenant", engine.tenantId()).param("url", engine.url().toString())
                .param("timeout", (int) engine.timeout().toMillis()).param("fallback", engine.fallback().wireName())
                .param("secret", engine.wrappedSecret()).param("created", utc(engine.createdAt()))
                .param("updated", utc(engine.updatedAt())).update();
    }

    /** Replaces the URL, timeout and fallback; the secret stays. */
    void update(String tenantId, URI url, Duration timeout, RiskOutcome fallback, Instant now) {
        jdbc.sql("""
                UPDATE risk_engine SET url = :url, timeout_millis = :timeout, fallback = :fallback, updated_at = :now
                 WHERE tenant_id = :tenant""")
                .param("url", url.toString()).param("timeout", (int) timeout.toMillis())
                .param("fallback", fallback.wireName()).param("now", utc(now)).param("tenant", tenantId).update();
    }

    boolean delete(String tenantId) {
        return jdbc.sql("DELETE FROM risk_engine WHERE tenant_id = :tenant").param("tenant", tenantId).update() > 0;
    }

    static Optional<RiskOutcome> outcome(String wireName) {
        return Arrays.stream(RiskOutcome.values()).filter(o -> o.wireName().equals(wireName)).findFirst();
    }

    private static Engine engine(ResultSet rs, int row) throws SQLException {
        return new Engine(rs.getString("tenant_id"), URI.create(rs.getString("url")),
                Duration.ofMillis(rs.getInt("timeout_millis")), outcome(rs.getString("fallback")).orElseThrow(),
                rs.getBytes("wrapped_secret"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
