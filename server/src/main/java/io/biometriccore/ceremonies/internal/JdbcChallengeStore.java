package io.biometriccore.ceremonies.internal;

import io.biometriccore.shared.ExpiredRows;
import io.biometriccore.shared.ExpiredRows.Purge;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shared challenge store in the {@code ceremony_challenge} table. A take reads the row and deletes it
 * by key; only the transaction whose DELETE removed the row gets the ceremony, so the take is atomic
 * across nodes without locks. Each take commits on its own: a failed verification still burns it.
 * The cap is each node's {@link PendingQuota}, by handle: nothing is counted in the table. A row stays
 * until a purge after its expiry, so the quota counts a ceremony until its expiry plus the purge
 * interval, unless this node takes it first.
 */
class JdbcChallengeStore implements ChallengeStore {

    private static final Purge EXPIRED = new Purge("ceremony_challenge", "handle", "expires_at");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PendingQuota quota;
    private final Duration purgeInterval;
    private final ExpiredRows expiredRows;
    private final Clock clock;

    JdbcChallengeStore(JdbcClient jdbc, TransactionTemplate tx, PendingQuota quota, Duration purgeInterval,
            ExpiredRows expiredRows, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.quota = quota;
        this.purgeInterval = purgeInterval;
        this.expiredRows = expiredRows;
        this.clock = clock;
    }

    @Override
    public Optional<Full> save(PendingCeremony c) {
        Optional<Full> full = quota.admit(c.handle(), c.expiresAt().plus(purgeInterval)).map(Full::new);
        if (full.isPresent()) {
            return full;
        }
        try {
            tx.executeWithoutResult(status -> jdbc.sql("""
                    INSERT INTO ceremony_challenge (handle, tenant_id, ceremony, challenge, payload, expires_at)
                    VALUES (:h, :t, :type, :c, :payload, :exp)""")
                    .param("h", c.handle()).param("t", c.tenantId()).param("type", c.type().name())
                    .param("c", c.challenge()).param("payload", StoredCeremonies.write(c))
                    .param("exp", c.expiresAt().atOffset(ZoneOffset.UTC)).update());
        } catch (RuntimeException notStored) {
            quota.release(c.handle());
            throw notStored;
        }
        return Optional.empty();
    }

    @Override
    public Optional<PendingCeremony> takeByChallenge(String tenantId, CeremonyType type, String challenge) {
        return take("tenant_id = :t AND ceremony = :type AND challenge = :key", tenantId, type, challenge);
    }

    @Override
    public Optional<PendingCeremony> takeByHandle(String tenantId, CeremonyType type, String handle) {
        return take("tenant_id = :t AND ceremony = :type AND handle = :key", tenantId, type, handle);
    }

    /** The quota frees the place once the DELETE has committed. */
    private Optional<PendingCeremony> take(String where, String tenantId, CeremonyType type, String key) {
        Optional<Row> taken = Objects.requireNonNull(tx.execute(status -> {
            Optional<Row> row = jdbc.sql("SELECT handle, payload FROM ceremony_challenge WHERE " + where)
                    .param("t", tenantId).param("type", type.name()).param("key", key)
                    .query((rs, n) -> new Row(rs.getString("handle"), rs.getString("payload"))).optional();
            if (row.isEmpty()) {
                return Optional.<Row>empty();
            }
            int deleted = jdbc.sql("DELETE FROM ceremony_challenge WHERE " + where)
                    .param("t", tenantId).param("type", type.name()).param("key", key).update();
            return deleted == 1 ? row : Optional.<Row>empty();
        }));
        taken.ifPresent(row -> quota.release(row.handle()));
        return taken.flatMap(row -> StoredCeremonies.read(row.payload()));
    }

    private record Row(String handle, String payload) {
    }

    @Override
    public int purgeExpired() {
        return expiredRows.purge(EXPIRED, clock.instant());
    }
}
