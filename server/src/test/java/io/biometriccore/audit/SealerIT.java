package io.biometriccore.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biometriccore.audittools.VerificationReport;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sealer works off the request path. It is held off by holding the row lock it needs (the tenant's
 * {@code audit_tree_state} row, {@code FOR UPDATE} on a connection of the test's own) while customers
 * sign in concurrently: every sign-in completes and its events are committed, no leaf is added, and once
 * the lock is released every event is sealed exactly once, at contiguous leaves, in a log that verifies.
 * A held tenant does not hold up the others, and an event committed late is not taken for tampering.
 */
class SealerIT extends PostgresIntegrationTest {

    private static final int CLIENTS = 8;
    /** A tenant whose log shows that the sealer has run a round. */
    private static final String WITNESS = "witness-bank";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        registry.add("biometric.audit.seal-interval", () -> "PT0.2S");
    }

    @Autowired
    private AuditLogs auditLogs;

    @Test
    void requestsNeverWaitForTheSealer() throws SQLException {
        String tenant = "sealer-bank";
        BankFixture bank = BankFixture.create(api, tenant, Map.of(), Map.of());
        Map<String, SoftwareAuthenticator> customers = enrolled(bank, CLIENTS);
        // One sign-in each first, so the tenant's access-token key exists (see the first-sign-ins test).
        customers.forEach((username, phone) -> bank.tokens(phone, username));
        awaitEverythingSealed(tenant);

        try (Connection sealerLock = connect(); Connection db = connect()) {
            sealerLock.setAutoCommit(false);
            holdTreeState(sealerLock, tenant);
            long leavesBefore = count(db, "SELECT count(*) FROM audit_leaf WHERE tenant_id = ?", tenant);
            long lastEventBefore = count(db, "SELECT max(id) FROM audit_event WHERE tenant_id = ?", tenant);

            List<Response> signIns = new ArrayList<>(signInConcurrently(bank, customers));
            awaitSealerHeldOffBy(sealerLock, db);
            signIns.addAll(signInConcurrently(bank, customers));

            assertThat(signIns).hasSize(2 * CLIENTS).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
            assertThat(committedSince(db, tenant, "authentication.succeeded", lastEventBefore)).isEqualTo(2 * CLIENTS);
            assertThat(committedSince(db, tenant, "token.issued", lastEventBefore)).isEqualTo(2 * CLIENTS);
            assertThat(count(db, "SELECT count(*) FROM audit_leaf WHERE tenant_id = ?", tenant)).isEqualTo(leavesBefore);
            sealerLock.rollback();
        }
        awaitEverythingSealed(tenant);

        try (Connection db = connect()) {
            List<long[]> leaves = leaves(db, tenant);
            List<Long> leafEvents = leaves.stream().map(leaf -> leaf[1]).toList();
            assertThat(leaves.stream().map(leaf -> leaf[0]).toList())
                    .isEqualTo(LongStream.range(0, leaves.size()).boxed().toList());
            assertThat(new HashSet<>(leafEvents)).hasSameSizeAs(leafEvents);
            assertThat(leafEvents).containsExactlyInAnyOrderElementsOf(eventIds(db, tenant));
        }
        VerificationReport report = auditLogs.verify(tenant);
        assertThat(report.findings()).isEmpty();
        assertThat(report.intact()).isTrue();
    }

    /**
     * One tenant's tree-state row held elsewhere (another node sealing it, or a stuck transaction)
     * holds up that tenant's log only: the sealer goes on sealing the other tenants.
     */
    @Test
    void otherTenantsAreSealedWhileOneTenantsTreeIsHeld() throws SQLException {
        String heldTenant = "held-bank";
        BankFixture held = BankFixture.create(api, heldTenant, Map.of(), Map.of());
        Map<String, SoftwareAuthenticator> heldCustomers = enrolled(held, 1);
        awaitEverythingSealed(heldTenant);
        String otherTenant = "other-bank";
        BankFixture other = BankFixture.create(api, otherTenant, Map.of(), Map.of());
        awaitEverythingSealed(otherTenant);

        try (Connection sealerLock = connect(); Connection db = connect()) {
            sealerLock.setAutoCommit(false);
            holdTreeState(sealerLock, heldTenant);
            heldCustomers.forEach((username, phone) -> held.tokens(phone, username));
            awaitSealerHeldOffBy(sealerLock, db);
            enrolled(other, 1);

            awaitEverythingSealed(otherTenant);
            sealerLock.rollback();
        }
        awaitEverythingSealed(heldTenant);
    }

    /**
     * The first sign-ins of a tenant create its access-token signing key. Creating it locks the tenant
     * row {@code FOR UPDATE} inside the sign-in's transaction, which already holds a {@code KEY SHARE}
     * lock on that row from inserting the session (its foreign key). Any other request that references
     * the tenant holds such a share lock too (the test's connection plays one); first sign-ins queued
     * behind it each wait for the other's share lock once it goes, and PostgreSQL aborts all but one
     * as a deadlock.
     */
    @Test
    void theFirstConcurrentSignInsOfATenantAllSucceed() throws SQLException {
        String tenant = "first-sign-in-bank";
        BankFixture bank = BankFixture.create(api, tenant, Map.of(), Map.of());
        Map<String, SoftwareAuthenticator> customers = enrolled(bank, CLIENTS);

        List<Response> signIns;
        try (Connection otherRequest = connect(); Connection db = connect()) {
            otherRequest.setAutoCommit(false);
            lockRow(otherRequest, "SELECT id FROM tenant WHERE id = ? FOR KEY SHARE", tenant);
            signIns = signInConcurrently(bank, customers, running -> {
                await("sign-ins queued or done").atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(
                        () -> blockedBy(otherRequest, db, "tenant") >= 2 || running.stream().allMatch(Future::isDone));
                otherRequest.rollback();
            });
        }

        assertThat(signIns).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    /**
     * An event's id is taken when its transaction inserts it, but the sealer sees it only once that
     * transaction commits, which may be after later events have been sealed. Until the sealer reaches
     * it, the event is pending, not inserted behind the log's back. The slow transaction is played by
     * the test's own connection, inserting the row as the audit writer does.
     */
    @Test
    void anEventCommittedAfterLaterOnesIsNotReportedAsInsertedWhileItAwaitsSealing() throws SQLException {
        String tenant = "late-commit-bank";
        BankFixture bank = BankFixture.create(api, tenant, Map.of(), Map.of());
        Map<String, SoftwareAuthenticator> customers = enrolled(bank, 1);
        awaitEverythingSealed(tenant);

        try (Connection slow = connect(); Connection sealerLock = connect()) {
            slow.setAutoCommit(false);
            long lateEvent = insertEvent(slow, tenant);
            customers.forEach((username, phone) -> bank.tokens(phone, username));
            awaitEverythingSealed(tenant);
            assertThat(count(sealerLock, "SELECT max(event_id) FROM audit_leaf WHERE tenant_id = ?", tenant))
                    .isGreaterThan(lateEvent);
            sealerLock.setAutoCommit(false);
            holdTreeState(sealerLock, tenant);
            slow.commit();

            assertThat(auditLogs.verify(tenant).findings()).as("a committed event the sealer has not reached yet")
                    .isEmpty();
            sealerLock.rollback();
        }
        awaitEverythingSealed(tenant);
        assertThat(auditLogs.verify(tenant).intact()).isTrue();
    }

    private Map<String, SoftwareAuthenticator> enrolled(BankFixture bank, int count) {
        Map<String, SoftwareAuthenticator> customers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
            String username = "sealer" + i + "-" + System.nanoTime();
            bank.enrolled(username, phone);
            customers.put(username, phone);
        }
        return customers;
    }

    /** Each customer signs in on a thread of its own, all released at once. */
    private static List<Response> signInConcurrently(BankFixture bank, Map<String, SoftwareAuthenticator> customers)
            throws SQLException {
        return signInConcurrently(bank, customers, running -> { });
    }

    /** What a test does while the sign-ins run, before their answers are awaited. */
    private interface WhileRunning {
        void accept(List<Future<Response>> running) throws SQLException;
    }

    /**
     * Each customer signs in on a thread of its own, all released at once; {@code whileRunning} runs
     * meanwhile. A sign-in still running at the deadline is interrupted, so that a lock the test holds
     * is released rather than waited on.
     */
    private static List<Response> signInConcurrently(BankFixture bank, Map<String, SoftwareAuthenticator> customers,
            WhileRunning whileRunning) throws SQLException {
        ExecutorService clients = Executors.newFixedThreadPool(customers.size());
        CyclicBarrier start = new CyclicBarrier(customers.size());
        try {
            List<Future<Response>> signIns = customers.entrySet().stream().map(c -> clients.submit(() -> {
                start.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                return bank.signIn(c.getValue(), c.getKey());
            })).toList();
            whileRunning.accept(signIns);
            List<Response> responses = new ArrayList<>();
            for (Future<Response> signIn : signIns) {
                responses.add(signIn.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            return responses;
        } catch (TimeoutException e) {
            throw new AssertionError("A sign-in did not complete while the sealer was held", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            clients.shutdownNow();
        }
    }

    /** Takes the row lock every sealing transaction of the tenant starts with. */
    private static void holdTreeState(Connection connection, String tenant) throws SQLException {
        lockRow(connection, "SELECT tenant_id FROM audit_tree_state WHERE tenant_id = ? FOR UPDATE", tenant);
    }

    private static void lockRow(Connection connection, String sql, String tenant) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setString(1, tenant);
            try (ResultSet row = lock.executeQuery()) {
                assertThat(row.next()).as("the row of %s to lock", tenant).isTrue();
            }
        }
    }

    /**
     * Waits until the sealer has had a go at the held tenant since its newest events were committed:
     * either it is queued behind the lock {@code holder} holds, or it has since sealed events that a
     * tenant of its own, the witness, wrote afterwards (a sealer that skips locked trees).
     */
    private void awaitSealerHeldOffBy(Connection holder, Connection db) {
        BankFixture.create(api, WITNESS, Map.of(), Map.of());
        await("the sealer held off").atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> blockedBy(holder, db, "audit_tree_state") > 0 || everythingSealed(WITNESS));
    }

    /** How many statements on {@code table} wait for a lock that {@code holder} holds. */
    private static long blockedBy(Connection holder, Connection db, String table) throws SQLException {
        long holderPid = count(holder, "SELECT pg_backend_pid()");
        return count(db, "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid)) AND query ILIKE ?",
                holderPid, "% " + table + " %");
    }

    private void awaitEverythingSealed(String tenant) {
        await("every event of " + tenant + " sealed").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> everythingSealed(tenant));
    }

    private boolean everythingSealed(String tenant) throws SQLException {
        try (Connection db = connect()) {
            return count(db, """
                    SELECT count(*) FROM audit_event e WHERE e.tenant_id = ?
                       AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.event_id = e.id)""", tenant) == 0
                    && count(db, "SELECT count(*) FROM audit_event WHERE tenant_id = ?", tenant) > 0;
        }
    }

    private static long committedSince(Connection db, String tenant, String eventType, long afterId)
            throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT count(*) FROM audit_event WHERE tenant_id = ? AND event_type = ? AND id > ?")) {
            query.setString(1, tenant);
            query.setString(2, eventType);
            query.setLong(3, afterId);
            return single(query);
        }
    }

    /** (leaf index, event id) of each leaf, in leaf order. */
    private static List<long[]> leaves(Connection db, String tenant) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT leaf_index, event_id FROM audit_leaf WHERE tenant_id = ? ORDER BY leaf_index")) {
            query.setString(1, tenant);
            List<long[]> leaves = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    leaves.add(new long[] {rows.getLong(1), rows.getLong(2)});
                }
            }
            return leaves;
        }
    }

    private static List<Long> eventIds(Connection db, String tenant) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT id FROM audit_event WHERE tenant_id = ?")) {
            query.setString(1, tenant);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    /** An event row and its row in the sealer's queue as the audit writer inserts them (no personal fields); answers its id. */
    private static long insertEvent(Connection connection, String tenant) throws SQLException {
        long id;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_event (tenant_id, occurred_at, event_type, event_class, outcome, actor_type,
                    correlation_id)
                VALUES (?, now(), 'tenant.changed', 'tenant', 'success', 'admin', 'slow-transaction')
                RETURNING id""")) {
            insert.setString(1, tenant);
            id = single(insert);
        }
        try (PreparedStatement queue = connection.prepareStatement(
                "INSERT INTO audit_unsealed (tenant_id, event_id) VALUES (?, ?)")) {
            queue.setString(1, tenant);
            queue.setLong(2, id);
            queue.executeUpdate();
        }
        return id;
    }

    private static long count(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            return single(query);
        }
    }

    private static long single(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
