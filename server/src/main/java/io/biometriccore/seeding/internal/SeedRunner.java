package io.biometriccore.seeding.internal;

import io.biometriccore.audit.AuditImport;
import io.biometriccore.seeding.SeedCommand;
import io.biometriccore.tenancy.RetentionPolicy;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import io.biometriccore.tenancy.Tenants;
import io.biometriccore.testkit.SeededCustomers;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The seeding command, run while the application starts: the tenant (created when missing), then the
 * customers, then their audit history. Progress goes to stderr, one updating line per phase.
 */
@Component
@ConditionalOnProperty(SeedCommand.CUSTOMERS_PROPERTY)
class SeedRunner implements ApplicationRunner {

    private final SeedProperties properties;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Tenants tenants;
    private final AuditImport audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final PrintStream out = System.err;

    SeedRunner(SeedProperties properties, DataSource dataSource, JdbcClient jdbc, Tenants tenants, AuditImport audit,
            TransactionTemplate transaction, Clock clock) {
        this.properties = properties;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws SQLException, IOException, InterruptedException {
        PostgresOnly.require(dataSource);
        String tenantId = properties.tenant();
        var customers = new SeededCustomers(properties.seed());
        requireNotSeeded(tenantId, customers);
        ensureTenant(tenantId);
        int cores = Runtime.getRuntime().availableProcessors();
        try (ExecutorService workers = Executors.newFixedThreadPool(cores)) {
            var progress = new Progress("customers", properties.customers(), out, System::nanoTime);
            new CustomerCopy(dataSource, customers, workers, cores, tenantId, clock.instant(), properties.batchSize())
                    .copy(properties.customers(), progress);
            report("customers", properties.customers(), progress.finish());
        }
        vacuumAndAnalyze("customer", "device", "credential");
        if (properties.events() > 0) {
            var progress = new Progress("events", properties.events(), out, System::nanoTime);
            var history = new SeededHistory(audit, transaction, customers, tenantId, properties.customers(),
                    properties.seed(), properties.eventBatchSize());
            withoutSecondaryIndexes("audit_event", () -> {
                history.write(properties.events(), cores, progress);
                report("events", properties.events(), progress.finish());
            });
            // Statistics first: with none for ten million new rows, the planner takes the log for empty and
            // joins each batch to the whole of it.
            jdbc.sql("ANALYZE audit_event, audit_unsealed").update();
            long sealed = audit.sealPending(tenantId);
            out.printf("sealed %,d audit events of tenant %s%n", sealed, tenantId);
            vacuumAndAnalyze("audit_event", "audit_leaf", "audit_node", "audit_unsealed");
        }
    }

    /** The load generator's tenant: its origin, none attestation accepted, UV required. */
    private void ensureTenant(String tenantId) {
        if (tenants.find(tenantId).isPresent()) {
            out.println("tenant " + tenantId + " exists; seeding into it");
            return;
        }
        TenantPolicy d = TenantPolicy.defaults();
        TenantPolicy policy = new TenantPolicy(d.userVerification(), d.residentKey(), d.attestation(),
                d.acceptedAttestationFormats(), true, d.allowSelfAttestation(), d.requireTrustedAttestation(),
                d.allowedAlgorithms(), d.challengeTimeout());
        tenants.save(new Tenant(tenantId, properties.rpId(), "Biometric Core bench", List.of(properties.origin()),
                false, false, policy, SessionPolicy.defaults(), RetentionPolicy.defaults()));
        out.println("tenant " + tenantId + " created: RP ID " + properties.rpId() + ", origin " + properties.origin());
    }

    /**
     * Usernames are fixed per tenant, and customer and device ids per seed across the database: a
     * second run into the same tenant, or with the same seed, would collide with the first.
     */
    private void requireNotSeeded(String tenantId, SeededCustomers customers) {
        boolean tenantSeeded = jdbc.sql("SELECT COUNT(*) FROM customer WHERE tenant_id = :t AND username = :u")
                .param("t", tenantId).param("u", SeededCustomers.USERNAME_PREFIX + 0).query(Long.class).single() > 0;
        if (tenantSeeded) {
            throw new IllegalStateException("Tenant " + tenantId + " is seeded already: seed an empty database or tenant");
        }
        jdbc.sql("SELECT tenant_id FROM customer WHERE id = :id").param("id", customers.customerId(0))
                .query(String.class).optional().ifPresent(other -> {
                    throw new IllegalStateException("Seed " + properties.seed() + " has seeded tenant " + other
                            + " of this database already; give another biometric.seed.seed (bin/seed --seed)");
                });
    }

    /** A step of the load that may be interrupted. */
    @FunctionalInterface
    private interface Load {
        void run() throws InterruptedException;
    }

    /**
     * Runs a bulk load of {@code table} without its secondary indexes, then builds them again from their
     * own definitions (as pg_restore does): maintaining six B-trees row by row is most of the cost of
     * an event, building them once is not. The table's primary key stays. Sealing runs after the build.
     */
    private void withoutSecondaryIndexes(String table, Load load) throws InterruptedException {
        List<Map.Entry<String, String>> indexes = jdbc.sql("""
                SELECT indexname, indexdef FROM pg_indexes
                 WHERE schemaname = current_schema() AND tablename = :table
                   AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = CAST(:table AS regclass))""")
                .param("table", table)
                .query((rs, row) -> Map.entry(rs.getString("indexname"), rs.getString("indexdef"))).list();
        indexes.forEach(index -> jdbc.sql("DROP INDEX " + index.getKey()).update());
        try {
            load.run();
        } finally {
            long started = System.nanoTime();
            indexes.forEach(index -> jdbc.sql(index.getValue()).update());
            out.printf("built %d indexes of %s again in %.1f s%n", indexes.size(), table,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * After a bulk load the planner has no statistics for the new rows until autovacuum gets to them
     * (if it runs at all), and the benchmark would measure that instead of the server; VACUUM also
     * sets the visibility map, as a long-running database has it.
     */
    private void vacuumAndAnalyze(String... tables) {
        jdbc.sql("VACUUM (ANALYZE) " + String.join(", ", tables)).update();
    }

    private void report(String what, long count, Duration took) {
        double seconds = Math.max(took.toNanos(), 1) / 1e9;
        out.printf("%,d %s in %.1f s (%,.0f/s)%n", count, what, seconds, count / seconds);
    }
}
