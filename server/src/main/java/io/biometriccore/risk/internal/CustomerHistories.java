package io.biometriccore.risk.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.shared.SqlTimes;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code risk_history} table: one bounded row per customer, read and written by primary key. */
@Repository
public class CustomerHistories {

    private final JdbcClient jdbc;

    CustomerHistories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CustomerHistory find(String tenantId, UUID customerId) {
        return read(tenantId, customerId, "").map(HistoryRecord::history).orElse(CustomerHistory.NONE);
    }

    /**
     * In the transaction of the attempt's success: the row is locked, so that two successes at once both
     * count; a customer's first success inserts it, and of two first ones at once the second is lost,
     * which a history can bear.
     */
    public void recordSuccess(String tenantId, UUID customerId, RiskAttempt attempt) {
        Optional<HistoryRecord> stored = read(tenantId, customerId, " FOR UPDATE");
        HistoryRecord next = stored.orElse(HistoryRecord.NONE).after(attempt);
        String sql = stored.isPresent()
                ? "UPDATE risk_history SET successes = :n, last_at = :at, history = :h"
                        + " WHERE tenant_id = :t AND customer_id = :c"
                : "INSERT INTO risk_history (tenant_id, customer_id, successes, last_at, history)"
                        + " VALUES (:t, :c, :n, :at, :h) ON CONFLICT DO NOTHING";
        jdbc.sql(sql).param("t", tenantId).param("c", customerId).param("n", next.successes())
                .param("at", utc(attempt.at())).param("h", next.json()).update();
    }

    private Optional<HistoryRecord> read(String tenantId, UUID customerId, String lock) {
        return jdbc.sql("SELECT successes, last_at, history FROM risk_history WHERE tenant_id = :t AND customer_id = :c"
                + lock).param("t", tenantId).param("c", customerId)
                .query((rs, n) -> HistoryRecord.of(rs.getLong("successes"), SqlTimes.requiredInstant(rs, "last_at"),
                        rs.getString("history"))).optional();
    }
}
