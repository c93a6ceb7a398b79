package io.biometriccore.shared.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.shared.ExpiredRows;
import io.biometriccore.shared.ExpiredRows.Purge;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every table whose rows expire is purged (ADR 0026): enrollment grants and cross-channel requests
 * a grace period after their expiry, sessions with their refresh tokens a grace period after their
 * absolute expiry, and nothing that is still needed. Purges on several nodes at once share the work.
 */
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = {"biometric.purge.interval=PT24H", "biometric.purge.batch-size=7"})
class ExpiredRowPurgesIT extends PostgresIntegrationTest {

    @Autowired
    ExpiredRowPurges purges;

    @Autowired
    ExpiredRows expiredRows;

    @Autowired
    List<Purge> tables;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyTableWithAnExpiryHasAPurge() {
        assertThat(tables).extracting(Purge::table)
                .containsExactlyInAnyOrder("enrollment_grant", "cross_channel_request", "auth_session", "evidence",
                        "transactions", "webhook_outbox", "policy_decision", "risk_decision",
                        "risk_context_jti");
    }

    @Test
    void purgesRiskDecisionsWithTheirReasonsOnceTheirRetentionHasPassed() {
        BankFixture bank = BankFixture.create(api, "purge-risk-" + System.nanoTime(), Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bank.enrolled("alice", phone);
        bank.tokens(phone, "alice");
        String tenant = bank.tenantId();
        long decisions = rows("risk_decision", tenant);
        jdbc.sql("""
                INSERT INTO risk_decision_signal (decision_id, tenant_id, reason, decided_at)
                SELECT id, tenant_id, 'new_country', decided_at FROM risk_decision WHERE tenant_id = :t""")
                .param("t", tenant).update();

        clock.advance(Duration.ofDays(89));
        purges.purgeAll();

        assertThat(decisions).as("the registration's and the sign-in's").isEqualTo(2);
        assertThat(rows("risk_decision", tenant)).isEqualTo(decisions);

        clock.advance(Duration.ofDays(2));
        purges.purgeAll();

        assertThat(rows("risk_decision", tenant)).isZero();
        assertThat(rows("risk_decision_signal", tenant)).isZero();
    }

    @Test
    void purgesExpiredGrantsAndCrossChannelRequestsButKeepsLiveSessionsUntilTheirAbsoluteExpiryHasPassed() {
        BankFixture bank = BankFixture.create(api, "purge-bank-" + System.nanoTime(), Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        UUID customer = bank.enrolled("alice", phone);
        bank.grant(customer);
        BankFixture.require(api.post(bank.path("/cross-channel"), null), 201);
        JsonNode tokens = bank.tokens(phone, "alice");
        String tenant = bank.tenantId();

        clock.advance(Duration.ofHours(2));
        String freshGrant = bank.grant(customer);
        purges.purgeAll();

        assertThat(rows("enrollment_grant", tenant)).as("the fresh grant only").isOne();
        assertThat(rows("cross_channel_request", tenant)).isZero();
        assertThat(rows("auth_session", tenant)).isOne();
        assertThat(rows("refresh_token", tenant)).isOne();
        assertThat(freshGrant).isNotBlank();

        clock.advance(Duration.ofHours(12));
        purges.purgeAll();

        assertThat(rows("auth_session", tenant)).isZero();
        assertThat(rows("refresh_token", tenant)).isZero();
        assertProblem(bank.refresh(tokens.path("refresh_token").asString()), 401, "refresh_token_invalid");
    }

    @Test
    void purgesOnSeveralNodesAtOnceShareTheRowsWithoutWaitingOnEachOther() throws Exception {
        BankFixture bank = BankFixture.create(api, "purge-nodes-" + System.nanoTime(), Map.of(), Map.of());
        UUID customer = bank.createCustomer("bob");
        Instant expired = clock.instant().minus(Duration.ofDays(1));
        for (int i = 0; i < 300; i++) {
            jdbc.sql("""
                    INSERT INTO enrollment_grant (id, tenant_id, customer_id, secret_hash, issued_by, created_at, expires_at)
                    VALUES (:id, :t, :c, :h, 'test', :e, :e)""").param("id", UUID.randomUUID())
                    .param("t", bank.tenantId()).param("c", customer).param("h", new byte[32])
                    .param("e", expired.atOffset(ZoneOffset.UTC)).update();
        }
        Purge grants = tables.stream().filter(p -> p.table().equals("enrollment_grant")).findFirst().orElseThrow();

        int deleted = 0;
        try (ExecutorService nodes = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int node = 0; node < 4; node++) {
                runs.add(nodes.submit(() -> expiredRows.purge(grants, clock.instant())));
            }
            for (Future<Integer> run : runs) {
                deleted += run.get();
            }
        }

        assertThat(deleted).isEqualTo(300);
        assertThat(rows("enrollment_grant", bank.tenantId())).isZero();
    }

    private long rows(String table, String tenantId) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = :t").param("t", tenantId)
                .query(Long.class).single();
    }
}
