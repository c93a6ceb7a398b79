package io.biometriccore.risk.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.shared.ExpiredRows.Dependent;
import io.biometriccore.shared.ExpiredRows.Purge;
import io.biometriccore.shared.SqlTimes;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** The {@code risk_decision} and {@code risk_decision_signal} tables: every assessment, with its reasons. */
@Repository
public class RiskDecisions {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    RiskDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Decisions go at their {@code expires_at}, in batches, their reasons first (ADR 0026). */
    @Configuration(proxyBeanMethods = false)
    static class Purges {
        @Bean
        Purge expiredRiskDecisions() {
            return new Purge("risk_decision", "id", "expires_at",
                    List.of(new Dependent("risk_decision_signal", "decision_id")));
        }
    }

    /** @return the decision's id */
    public UUID insert(RiskAssessment a, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        Instant at = a.attempt().at();
        jdbc.sql("""
                INSERT INTO risk_decision (id, tenant_id, decided_at, expires_at, action, customer_id, outcome, score,
                                           acr, facts)
                VALUES (:id, :t, :at, :exp, :action, :customer, :outcome, :score, :acr, :facts)""")
                .param("id", id).param("t", a.attempt().tenantId()).param("at", utc(at)).param("exp", utc(expiresAt))
                .param("action", a.attempt().action().wireName()).param("customer", a.attempt().customerId())
                .param("outcome", a.outcome().wireName()).param("score", a.score())
                .param("acr", a.stepUp() ? a.stepUpAcr() : null).param("facts", facts(a.contributions())).update();
        for (String reason : reasons(a)) {
            jdbc.sql("""
                    INSERT INTO risk_decision_signal (decision_id, tenant_id, reason, decided_at)
                    VALUES (:id, :t, :reason, :at)""")
                    .param("id", id).param("t", a.attempt().tenantId()).param("reason", reason).param("at", utc(at))
                    .update();
        }
        return id;
    }

    /** A recorded decision, as the analyst reads it. */
    public record Stored(UUID id, Instant decidedAt, String action, @Nullable UUID customerId, String outcome,
            int score, @Nullable String acr, JsonNode contributions) {
    }

    /** The analyst's filters; null means any. {@code before} is the keyset position, newest first. */
    record Filter(@Nullable UUID customer, @Nullable String outcome, @Nullable String reason, Instant from,
            Instant to, Instant beforeAt, UUID beforeId) {
    }

    /**
     * Newest first, after the keyset position: by the signal index when a reason is asked for, else by
     * the customer's, the outcome's or the tenant's index on (decided_at, id).
     */
    List<Stored> page(String tenantId, Filter f, int limit) {
        boolean bySignal = f.reason() != null;
        String from = bySignal ? "risk_decision_signal s JOIN risk_decision d ON d.id = s.decision_id" : "risk_decision d";
        String t = bySignal ? "s" : "d";
        String idColumn = bySignal ? "s.decision_id" : "d.id";
        StringBuilder sql = new StringBuilder("SELECT d.* FROM " + from + " WHERE " + t + ".tenant_id = :t AND "
                + t + ".decided_at >= :from AND " + t + ".decided_at < :to AND (" + t + ".decided_at < :at OR ("
                + t + ".decided_at = :at AND " + idColumn + " < :id))");
        if (bySignal) {
            sql.append(" AND s.reason = :reason");
        }
        if (f.customer() != null) {
            sql.append(" AND d.customer_id = :customer");
        }
        if (f.outcome() != null) {
            sql.append(" AND d.outcome = :outcome");
        }
        sql.append(" ORDER BY ").append(t).append(".decided_at DESC, ").append(idColumn).append(" DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("t", tenantId).param("from", utc(f.from()))
                .param("to", utc(f.to())).param("at", utc(f.beforeAt())).param("id", f.beforeId())
                .param("limit", limit);
        if (bySignal) {
            statement = statement.param("reason", f.reason());
        }
        if (f.customer() != null) {
            statement = statement.param("customer", f.customer());
        }
        if (f.outcome() != null) {
            statement = statement.param("outcome", f.outcome());
        }
        return statement.query((rs, n) -> new Stored(rs.getObject("id", UUID.class),
                SqlTimes.requiredInstant(rs, "decided_at"), rs.getString("action"),
                rs.getObject("customer_id", UUID.class), rs.getString("outcome"), rs.getInt("score"),
                rs.getString("acr"), JSON.readTree(rs.getString("facts")))).list();
    }

    static Set<String> reasons(RiskAssessment a) {
        Set<String> reasons = new LinkedHashSet<>();
        a.contributions().forEach(c -> reasons.add(c.reason()));
        return reasons;
    }

    private static String facts(List<RiskContribution> contributions) {
        ArrayNode facts = JSON.createArrayNode();
        for (RiskContribution c : contributions) {
            facts.addObject().put("signal", c.signal()).put("reason", c.reason()).put("score", c.score())
                    .put("floor", c.floor() == null ? null : c.floor().wireName())
                    .put("explanation", c.explanation()).put("detail", c.detail());
        }
        return JSON.writeValueAsString(facts);
    }
}
