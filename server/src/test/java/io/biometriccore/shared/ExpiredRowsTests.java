package io.biometriccore.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.shared.ExpiredRows.Dependent;
import io.biometriccore.shared.ExpiredRows.Purge;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batched purge, on the embedded database in PostgreSQL mode (the quick start's): it runs the same
 * SQL there as on PostgreSQL, deletes only what expired before the cutoff, batch after batch, and
 * deletes the rows that reference a purged row first.
 */
class ExpiredRowsTests {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Purge SESSIONS = new Purge("session", "id", "expires_at",
            List.of(new Dependent("token", "session_id")));

    private JdbcClient jdbc;
    private TransactionTemplate transaction;

    @BeforeEach
    void database() {
        var h2 = new DriverManagerDataSource("jdbc:h2:mem:purge-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        jdbc = JdbcClient.create(h2);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(h2));
        jdbc.sql("CREATE TABLE session (id UUID PRIMARY KEY, expires_at TIMESTAMP WITH TIME ZONE NOT NULL)").update();
        jdbc.sql("CREATE INDEX session_expiry ON session (expires_at)").update();
        jdbc.sql("CREATE TABLE token (id UUID PRIMARY KEY, session_id UUID NOT NULL REFERENCES session (id))").update();
        jdbc.sql("CREATE INDEX token_session ON token (session_id)").update();
    }

    @Test
    void deletesEveryExpiredRowInBatchesAndKeepsTheOthers() {
        for (int i = 0; i < 7; i++) {
            session(NOW.minus(Duration.ofMinutes(i + 1)));
        }
        UUID live = session(NOW.plusSeconds(1));
        UUID atTheCutoff = session(NOW);

        int purged = new ExpiredRows(jdbc, transaction, 3).purge(SESSIONS, NOW);

        assertThat(purged).isEqualTo(7);
        assertThat(jdbc.sql("SELECT id FROM session").query(UUID.class).set()).containsExactlyInAnyOrder(live, atTheCutoff);
    }

    @Test
    void deletesTheRowsReferencingAPurgedRowFirst() {
        UUID expired = session(NOW.minusSeconds(1));
        UUID live = session(NOW.plusSeconds(60));
        token(expired);
        token(expired);
        UUID liveToken = token(live);

        new ExpiredRows(jdbc, transaction, 500).purge(SESSIONS, NOW);

        assertThat(jdbc.sql("SELECT id FROM token").query(UUID.class).list()).containsExactly(liveToken);
        assertThat(jdbc.sql("SELECT id FROM session").query(UUID.class).list()).containsExactly(live);
    }

    @Test
    void aTableWithNothingExpiredCostsOneEmptyBatch() {
        session(NOW.plusSeconds(60));

        assertThat(new ExpiredRows(jdbc, transaction, 500).purge(SESSIONS, NOW)).isZero();
    }

    @Test
    void refusesANameThatIsNotAPlainSqlName() {
        assertThatThrownBy(() -> new Purge("session; DROP TABLE token", "id", "expires_at"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table");
        assertThatThrownBy(() -> new ExpiredRows(jdbc, transaction, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private UUID session(Instant expiresAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO session (id, expires_at) VALUES (:id, :exp)").param("id", id)
                .param("exp", SqlTimes.utc(expiresAt)).update();
        return id;
    }

    private UUID token(UUID sessionId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO token (id, session_id) VALUES (:id, :s)").param("id", id).param("s", sessionId).update();
        return id;
    }
}
