package io.biometriccore.tenancy.internal;

import io.biometriccore.shared.ExpiredRows.Purge;
import io.biometriccore.tenancy.DecisionFacts;
import io.biometriccore.tenancy.PolicyAction;
import io.biometriccore.tenancy.PolicyDecision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code policy_decision} table (V18): inserted once, read by the dry run, purged at its expiry. */
@Repository
public class PolicyDecisionRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    PolicyDecisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Decisions go at their {@code expires_at}, in batches (ADR 0026). */
    @Configuration(proxyBeanMethods = false)
    static class Purges {
        @Bean
        Purge expiredPolicyDecisions() {
            return new Purge("policy_decision", "id", "expires_at");
        }
    }

    public void insert(PolicyDecision d, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO policy_decision (id, tenant_id, decided_at, expires_at, action, outcome, customer_id, facts)
                VALUES (:id, :tenant, :decidedAt, :expiresAt, :action, :outcome, :customer, :facts)""")
                .param("id", d.id()).param("tenant", d.tenantId()).param("decidedAt", utc(d.decidedAt()))
                .param("expiresAt", utc(expiresAt)).param("action", d.action().member()).param("outcome", d.outcome())
                .param("customer", d.customerId()).param("facts", JSON.writeValueAsString(d.facts())).update();
    }

    /**
     * Decided at or after {@code since}, after the key ({@code afterAt}, {@code afterId}) in the order of
     * the index (tenant_id, decided_at, id): a keyset page read by an index range.
     */
    public List<PolicyDecision> page(String tenantId, Instant since, Instant afterAt, UUID afterId, int limit) {
        return jdbc.sql("""
                SELECT * FROM policy_decision
                 WHERE tenant_id = :tenant AND decided_at >= :since
                   AND (decided_at > :afterAt OR (decided_at = :afterAt AND id > :afterId))
                 ORDER BY decided_at, id
                 LIMIT :limit""")
                .param("tenant", tenantId).param("since", utc(since)).param("afterAt", utc(afterAt))
                .param("afterId", afterId).param("limit", limit).query(PolicyDecisionRepository::map).list();
    }

    private static PolicyDecision map(ResultSet rs, int row) throws SQLException {
        String action = rs.getString("action");
        return new PolicyDecision(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                rs.getObject("decided_at", OffsetDateTime.class).toInstant(),
                Arrays.stream(PolicyAction.values()).filter(a -> a.member().equals(action)).findFirst().orElseThrow(),
                rs.getString("outcome"), rs.getObject("customer_id", UUID.class),
                JSON.readValue(rs.getString("facts"), DecisionFacts.class));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
