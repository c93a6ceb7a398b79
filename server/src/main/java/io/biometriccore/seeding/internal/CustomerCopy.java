package io.biometriccore.seeding.internal;

import io.biometriccore.testkit.SeededCustomers;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes seeded customers with PostgreSQL COPY, one transaction per batch (its customers, devices and
 * credentials together). The workers derive the keys of the next batch while this one is copied, so
 * key derivation and PostgreSQL's COPY use the cores at once.
 */
final class CustomerCopy {

    private final DataSource dataSource;
    private final SeededCustomers customers;
    private final ExecutorService workers;
    private final int workerCount;
    private final String tenantId;
    private final Instant createdAt;
    private final int batchSize;

    CustomerCopy(DataSource dataSource, SeededCustomers customers, ExecutorService workers, int workerCount,
            String tenantId, Instant createdAt, int batchSize) {
        this.dataSource = dataSource;
        this.customers = customers;
        this.workers = workers;
        this.workerCount = workerCount;
        this.tenantId = tenantId;
        this.createdAt = createdAt;
        this.batchSize = batchSize;
    }

    /** Customers 0 to {@code count - 1}. */
    void copy(long count, Progress progress) throws SQLException, IOException {
        CompletableFuture<CustomerRows> next = derive(0, Math.min(batchSize, count));
        for (long from = 0; from < count; from += batchSize) {
            CustomerRows batch = next.join();
            long nextFrom = from + batchSize;
            if (nextFrom < count) {
                next = derive(nextFrom, Math.min(nextFrom + batchSize, count));
            }
            write(batch);
            progress.advance(batch.count());
        }
    }

    /** Customers {@code from} (inclusive) to {@code to} (exclusive), split among the workers. */
    private CompletableFuture<CustomerRows> derive(long from, long to) {
        long chunk = Math.max(1, (to - from + workerCount - 1) / workerCount);
        List<CompletableFuture<CustomerRows>> parts = new ArrayList<>();
        for (long start = from; start < to; start += chunk) {
            long first = start;
            long end = Math.min(start + chunk, to);
            parts.add(CompletableFuture.supplyAsync(() -> rows(first, end), workers));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            CustomerRows all = new CustomerRows(tenantId, createdAt);
            parts.forEach(part -> all.addAll(part.join()));
            return all;
        });
    }

    private CustomerRows rows(long from, long to) {
        CustomerRows rows = new CustomerRows(tenantId, createdAt);
        for (long index = from; index < to; index++) {
            rows.add(customers.customer(index));
        }
        return rows;
    }

    /** Every seeded credential is one of the zero AAGUID, device-bound: the batch adds its count. */
    private void count(Connection connection, int credentials) throws SQLException {
        try (PreparedStatement row = connection.prepareStatement(CustomerRows.INVENTORY_ROW);
             PreparedStatement count = connection.prepareStatement(CustomerRows.INVENTORY_COUNT)) {
            row.setString(1, tenantId);
            row.setString(2, CustomerRows.ZERO_AAGUID);
            row.executeUpdate();
            count.setLong(1, credentials);
            count.setString(2, tenantId);
            count.setString(3, CustomerRows.ZERO_AAGUID);
            count.executeUpdate();
        }
    }

    private void write(CustomerRows batch) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                copy.copyIn(CustomerRows.CUSTOMER_COPY, new StringReader(batch.customers.toString()));
                copy.copyIn(CustomerRows.DEVICE_COPY, new StringReader(batch.devices.toString()));
                copy.copyIn(CustomerRows.CREDENTIAL_COPY, new StringReader(batch.credentials.toString()));
                count(connection, batch.count());
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
