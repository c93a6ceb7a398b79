package io.biometriccore.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.AuditEvents;
import io.biometriccore.audit.AuditImport;
import io.biometriccore.audit.AuditLogs;
import io.biometriccore.audittools.VerificationReport;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.RequestContext.ActorType;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sealer's work is its queue. The scheduled sealer is held back (it runs once at start-up), so
 * each test drives sealer runs itself: a run reads the queued events, not the sealed history
 * (measured with PostgreSQL's table statistics); an event whose transaction commits after later ones
 * is sealed once it commits; concurrent writers and two sealers seal every event exactly once at
 * contiguous leaves; a large backlog does not hold up another tenant; and {@link AuditImport} appends
 * and seals events the verifier accepts.
 */
class AuditSealerIT extends PostgresIntegrationTest {

    private static final RequestContext.Snapshot SYSTEM =
            new RequestContext.Snapshot("sealer-it", null, null, ActorType.SYSTEM, null);

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        registry.add("biometric.audit.seal-interval", () -> "PT1H");
        registry.add("biometric.audit.seal-batch-size", () -> "100");
        // Room for six writers and two sealers at once.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "10");
    }

    @Autowired
    private AuditSealer sealer;

    @Autowired
    private AuditImport auditImport;

    @Autowired
    private AuditLogs auditLogs;

    @Autowired
    private AuditEvents auditEvents;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PlatformTransactionManager transactions;

    /** What PostgreSQL counted for one table (pg_stat_user_tables). */
    private record TableStats(long seqScan, long seqTupRead, long idxScan, long idxTupFetch, long inserted) {

        TableStats minus(TableStats before) {
            return new TableStats(seqScan - before.seqScan, seqTupRead - before.seqTupRead,
                    idxScan - before.idxScan, idxTupFetch - before.idxTupFetch, inserted - before.inserted);
        }

        long rowsRead() {
            return seqTupRead + idxTupFetch;
        }
    }

    /**
     * A sealed history of a few thousand events, then a handful of new ones: one sealer run reads those
     * from the event table, by index, and nothing of the history, nor any leaf. The statistics are
     * flushed by the backend that did the work ({@code pg_stat_force_next_flush}), so they are complete
     * when read; the history's statistics are flushed before the first reading, and the tables are
     * analysed as autovacuum would have.
     */
    @Test
    void aSealerRunReadsTheQueuedEventsAndNothingOfTheSealedHistory() {
        String tenant = BankFixture.create(api, "cost-bank", Map.of(), Map.of()).tenantId();
        int history = 3000;
        int added = 5;
        flushingStats(() -> {
            for (int page = 0; page < history / 500; page++) {
                auditImport.append(events(tenant, 500, "history"), SYSTEM);
            }
            return auditImport.sealPending(tenant);
        });
        jdbc.sql("ANALYZE audit_event").update();
        jdbc.sql("ANALYZE audit_leaf").update();
        jdbc.sql("ANALYZE audit_unsealed").update();
        flushingStats(() -> {
            auditImport.append(events(tenant, added, "new"), SYSTEM);
            return 0;
        });
        TableStats eventsBefore = stats("audit_event");
        TableStats leavesBefore = stats("audit_leaf");

        flushingStats(() -> {
            sealer.sealAll();
            return 0;
        });

        TableStats events = stats("audit_event").minus(eventsBefore);
        TableStats leaves = stats("audit_leaf").minus(leavesBefore);
        assertThat(leaves.inserted()).as("the run sealed the new events").isEqualTo(added);
        assertThat(events.seqScan()).as("sequential scans of audit_event").isZero();
        assertThat(events.idxScan()).as("index scans of audit_event").isPositive();
        assertThat(events.rowsRead()).as("audit_event rows read").isLessThanOrEqualTo(added);
        assertThat(leaves.seqScan()).as("sequential scans of audit_leaf").isZero();
        assertThat(leaves.rowsRead()).as("audit_leaf rows read").isZero();
        assertThat(auditLogs.verify(tenant).intact()).isTrue();
    }

    /**
     * An event's id is taken when its transaction inserts it, but its queue row shows only when the
     * transaction commits: while it stays open, runs seal the later events; once it commits, the next
     * run seals it, after them.
     */
    @Test
    void anEventWhoseTransactionCommitsAfterSeveralRunsIsSealedOnceItCommits() throws Exception {
        String tenant = BankFixture.create(api, "late-bank", Map.of(), Map.of()).tenantId();
        auditImport.sealPending(tenant);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService slow = Executors.newSingleThreadExecutor();
        try {
            Future<?> transaction = slow.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                auditImport.append(List.of(event(tenant, "slow")), SYSTEM);
                appended.countDown();
                awaitLatch(commit);
            }));
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            long leavesBefore = leafCount(tenant);
            for (int run = 0; run < 3; run++) {
                auditImport.append(events(tenant, 2, "later"), SYSTEM);
                sealer.sealAll();
                assertThat(leafCount(tenant)).as("run %d", run).isEqualTo(leavesBefore + 2L * (run + 1));
            }

            commit.countDown();
            transaction.get(30, TimeUnit.SECONDS);
        } finally {
            slow.shutdownNow();
        }
        long slowEvent = jdbc.sql("SELECT id FROM audit_event WHERE tenant_id = :tenant AND reason = 'slow'")
                .param("tenant", tenant).query(Long.class).single();
        assertThat(slowEvent).as("the slow event's id is below the later ones'")
                .isLessThan(minEventId(tenant, "later"));
        assertThat(leafOf(tenant, slowEvent)).isEmpty();

        sealer.sealAll();

        assertThat(leafOf(tenant, slowEvent)).contains(leafCount(tenant) - 1);
        VerificationReport report = auditLogs.verify(tenant);
        assertThat(report.findings()).isEmpty();
    }

    /** Writers append in transactions of their own while two sealers, one skipping and one waiting, run. */
    @Test
    void concurrentWritersAndTwoSealersSealEveryEventExactlyOnceAtContiguousLeaves() throws Exception {
        String tenant = BankFixture.create(api, "busy-bank", Map.of(), Map.of()).tenantId();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writers = IntStream.range(0, 6).<Future<?>>mapToObj(w -> threads.submit(() -> {
                for (int batch = 0; batch < 40; batch++) {
                    auditImport.append(events(tenant, 1 + batch % 7, "writer-" + w), SYSTEM);
                }
            })).toList();
            Future<?> skipping = threads.submit(() -> {
                while (writing.get()) {
                    sealer.sealAll();
                }
            });
            Future<?> waiting = threads.submit(() -> {
                while (writing.get()) {
                    auditImport.sealPending(tenant);
                }
            });
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            skipping.get(120, TimeUnit.SECONDS);
            waiting.get(120, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        auditImport.sealPending(tenant);

        List<long[]> leaves = jdbc.sql("SELECT leaf_index, event_id FROM audit_leaf WHERE tenant_id = :tenant ORDER BY leaf_index")
                .param("tenant", tenant).query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        List<Long> sealedEvents = leaves.stream().map(leaf -> leaf[1]).toList();
        List<Long> allEvents = jdbc.sql("SELECT id FROM audit_event WHERE tenant_id = :tenant")
                .param("tenant", tenant).query(Long.class).list();
        assertThat(leaves.stream().map(leaf -> leaf[0]).toList())
                .isEqualTo(LongStream.range(0, leaves.size()).boxed().toList());
        assertThat(new HashSet<>(sealedEvents)).hasSameSizeAs(sealedEvents);
        assertThat(sealedEvents).containsExactlyInAnyOrderElementsOf(allEvents);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_unsealed WHERE tenant_id = :tenant").param("tenant", tenant)
                .query(Long.class).single()).isZero();
        assertThat(auditLogs.verify(tenant).findings()).isEmpty();
    }

    /**
     * A run seals one batch per tenant per round: a tenant's backlog of many batches does not keep a
     * tenant with a few events waiting until it is drained. The order of the heads is recorded by a
     * trigger of the test's own, as they are inserted.
     */
    @Test
    void aTenantWithALargeBacklogDoesNotHoldUpAnother() {
        String backlog = BankFixture.create(api, "a-backlog-bank", Map.of(), Map.of()).tenantId();
        String small = BankFixture.create(api, "b-small-bank", Map.of(), Map.of()).tenantId();
        sealer.sealAll();
        jdbc.sql("CREATE TABLE head_order (n BIGSERIAL, tenant_id VARCHAR(63), tree_size BIGINT)").update();
        jdbc.sql("""
                CREATE FUNCTION record_head_order() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO head_order (tenant_id, tree_size) VALUES (NEW.tenant_id, NEW.tree_size);
                    RETURN NEW;
                END;
                $$""").update();
        jdbc.sql("""
                CREATE TRIGGER record_head_order AFTER INSERT ON audit_tree_head
                    FOR EACH ROW EXECUTE FUNCTION record_head_order()""").update();
        try {
            auditImport.append(events(backlog, 1000, "backlog"), SYSTEM);
            auditImport.append(events(small, 1, "small"), SYSTEM);

            sealer.sealAll();

            List<String> order = jdbc.sql("SELECT tenant_id FROM head_order ORDER BY n").query(String.class).list();
            assertThat(order).hasSize(11).startsWith(backlog, small);
        } finally {
            jdbc.sql("DROP TRIGGER record_head_order ON audit_tree_head").update();
            jdbc.sql("DROP FUNCTION record_head_order()").update();
            jdbc.sql("DROP TABLE head_order").update();
        }
    }

    /** The bulk API writes what the audit writer writes: encrypted fields that read back, a log that verifies. */
    @Test
    void importedEventsAreSealedAndVerifyWithTheirPersonalFieldsReadable() {
        String tenant = BankFixture.create(api, "import-bank", Map.of(), Map.of()).tenantId();
        auditImport.sealPending(tenant);
        UUID customer = UUID.randomUUID();
        List<SecurityEvent> events = IntStream.range(0, 300).mapToObj(i -> SecurityEvent
                .success(tenant, SecurityEventType.AUTHENTICATION_SUCCEEDED).customer(customer).channel("web")
                .personal("username", "user-" + i).build()).toList();
        RequestContext.Snapshot customersRequest = new RequestContext.Snapshot("import-it", "203.0.113.9",
                "ImportIT/1.0", ActorType.CUSTOMER, customer.toString());

        auditImport.append(events, customersRequest);
        long sealed = auditImport.sealPending(tenant);

        assertThat(sealed).isEqualTo(300);
        VerificationReport report = auditLogs.verify(tenant);
        assertThat(report.findings()).isEmpty();
        assertThat(report.leaves()).isEqualTo(report.events());
        AuditEvents.Page newest = auditEvents.find(tenant,
                AuditEvents.Filter.customer(customer, Set.of("authentication.succeeded")), null, 3);
        assertThat(newest.items()).extracting(AuditEvents.Event::personal)
                .containsExactly(Map.of("username", "user-299"), Map.of("username", "user-298"),
                        Map.of("username", "user-297"));
        assertThat(newest.items()).allSatisfy(e -> {
            assertThat(e.ip()).isEqualTo("203.0.113.9");
            assertThat(e.userAgent()).isEqualTo("ImportIT/1.0");
            assertThat(e.shredded()).isFalse();
        });
    }

    private static List<SecurityEvent> events(String tenant, int count, String reason) {
        List<SecurityEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(tenant, reason));
        }
        return events;
    }

    private static SecurityEvent event(String tenant, String reason) {
        return SecurityEvent.success(tenant, SecurityEventType.TENANT_CHANGED).reason(reason).build();
    }

    /**
     * Runs {@code work} in one transaction on one connection, whose backend then flushes its table
     * statistics as the transaction ends rather than up to seconds later.
     */
    private <T> T flushingStats(Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("SELECT pg_stat_force_next_flush()").query().listOfRows();
            return work.get();
        });
    }

    private TableStats stats(String table) {
        jdbc.sql("SELECT pg_stat_clear_snapshot()").query().listOfRows();
        return jdbc.sql("""
                SELECT seq_scan, seq_tup_read, COALESCE(idx_scan, 0) AS idx_scan,
                       COALESCE(idx_tup_fetch, 0) AS idx_tup_fetch, n_tup_ins
                  FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = :table""")
                .param("table", table)
                .query((rs, row) -> new TableStats(rs.getLong("seq_scan"), rs.getLong("seq_tup_read"),
                        rs.getLong("idx_scan"), rs.getLong("idx_tup_fetch"), rs.getLong("n_tup_ins")))
                .single();
    }

    private long leafCount(String tenant) {
        return jdbc.sql("SELECT count(*) FROM audit_leaf WHERE tenant_id = :tenant").param("tenant", tenant)
                .query(Long.class).single();
    }

    private List<Long> leafOf(String tenant, long eventId) {
        return jdbc.sql("SELECT leaf_index FROM audit_leaf WHERE tenant_id = :tenant AND event_id = :event")
                .param("tenant", tenant).param("event", eventId).query(Long.class).list();
    }

    private long minEventId(String tenant, String reason) {
        return jdbc.sql("SELECT min(id) FROM audit_event WHERE tenant_id = :tenant AND reason = :reason")
                .param("tenant", tenant).param("reason", reason).query(Long.class).single();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the slow transaction commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
