package io.biometriccore.risk.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.shared.SqlTimes;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The analyst's summary, counted per hour bucket, per outcome and per signal reason: in memory as the
 * decisions are made, then added to {@code risk_summary} every few seconds and at shutdown, so that no
 * sign-in writes a shared hot row and nothing is counted by scanning decisions.
 */
@Component
public class RiskSummary {

    /** One counter: a tenant's hour, and what it counts. */
    record Key(String tenantId, Instant bucket, String kind, String name) {
    }

    private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    RiskSummary(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    void count(RiskAssessment a) {
        Instant bucket = a.attempt().at().truncatedTo(ChronoUnit.HOURS);
        String tenantId = a.attempt().tenantId();
        add(new Key(tenantId, bucket, "decision", a.outcome().wireName()));
        RiskDecisions.reasons(a).forEach(reason -> add(new Key(tenantId, bucket, "signal", reason)));
    }

    private void add(Key key) {
        pending.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Adds what was counted since the last flush; a count that fails to be written is kept for the next. */
    @Scheduled(fixedDelayString = "${biometric.risk.summary.flush-interval:PT5S}")
    @PreDestroy
    public void flush() {
        for (Key key : pending.keySet()) {
            LongAdder adder = pending.remove(key);
            long n = adder == null ? 0 : adder.sumThenReset();
            if (n > 0) {
                try {
                    transaction.executeWithoutResult(status -> addToRow(key, n));
                } catch (RuntimeException e) {
                    pending.computeIfAbsent(key, k -> new LongAdder()).add(n);
                    throw e;
                }
            }
        }
    }

    /** One counted row: a tenant's hour, what it counts and how many. */
    record Row(Instant bucket, String kind, String name, long count) {
    }

    /** This node's counts flushed first, then the tenant's hours from {@code from} to before {@code to}. */
    List<Row> read(String tenantId, Instant from, Instant to) {
        flush();
        return jdbc.sql("""
                SELECT bucket_start, kind, name, count FROM risk_summary
                 WHERE tenant_id = :t AND bucket_start >= :from AND bucket_start < :to
                 ORDER BY bucket_start, kind, name""")
                .param("t", tenantId).param("from", utc(from)).param("to", utc(to))
                .query((rs, n) -> new Row(SqlTimes.requiredInstant(rs, "bucket_start"), rs.getString("kind"),
                        rs.getString("name"), rs.getLong("count"))).list();
    }

    /** Two portable statements: H2 has no ON CONFLICT DO UPDATE; the UPDATE's row lock serialises nodes. */
    private void addToRow(Key key, long n) {
        jdbc.sql("""
                INSERT INTO risk_summary (tenant_id, bucket_start, kind, name, count)
                VALUES (:t, :b, :k, :n, 0) ON CONFLICT DO NOTHING""")
                .param("t", key.tenantId()).param("b", utc(key.bucket())).param("k", key.kind())
                .param("n", key.name()).update();
        jdbc.sql("""
                UPDATE risk_summary SET count = count + :c
                 WHERE tenant_id = :t AND bucket_start = :b AND kind = :k AND name = :n""")
                .param("c", n).param("t", key.tenantId()).param("b", utc(key.bucket())).param("k", key.kind())
                .param("n", key.name()).update();
    }
}
