package io.biometriccore.shared;

import static io.biometriccore.shared.SqlTimes.utc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way rows past their expiry are deleted (ADR 0026): in batches of at most {@code batchSize}
 * rows, each in a transaction of its own, until a batch comes back short. A batch selects its keys by
 * the index on the expiry column, {@code FOR UPDATE SKIP LOCKED}, so every node can run the same purge
 * at once: each takes rows the others have not locked, and none waits on another. Rows that reference
 * the expired ones ({@link Dependent}) are deleted first, in the same transaction. A purge costs the
 * same whatever the size of the table: it reads only what has expired, a batch at a time.
 */
public final class ExpiredRows {

    private static final Pattern NAME = Pattern.compile("[a-z_]+");

    /** A table that references the purged one by {@code column}, which an index serves. */
    public record Dependent(String table, String column) {
        public Dependent {
            requireName(table, "table");
            requireName(column, "column");
        }
    }

    /**
     * @param table   the table whose rows expire
     * @param key     its primary key
     * @param expiry  the column after which a row may go; an index on it serves the purge
     */
    public record Purge(String table, String key, String expiry, List<Dependent> dependents) {
        public Purge {
            requireName(table, "table");
            requireName(key, "key");
            requireName(expiry, "expiry");
            dependents = List.copyOf(dependents);
        }

        public Purge(String table, String key, String expiry) {
            this(table, key, expiry, List.of());
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final int batchSize;

    public ExpiredRows(JdbcClient jdbc, TransactionTemplate transaction, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.batchSize = batchSize;
    }

    /** Deletes the rows whose expiry column is before {@code cutoff}; returns how many. */
    public int purge(Purge purge, Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            Integer batch = transaction.execute(status -> deleteBatch(purge, cutoff));
            deleted = batch == null ? 0 : batch;
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    private int deleteBatch(Purge purge, Instant cutoff) {
        List<Object> keys = jdbc.sql("SELECT %s FROM %s WHERE %s < :cutoff LIMIT :limit FOR UPDATE SKIP LOCKED"
                        .formatted(purge.key(), purge.table(), purge.expiry()))
                .param("cutoff", utc(cutoff)).param("limit", batchSize).query((rs, row) -> rs.getObject(1)).list();
        if (keys.isEmpty()) {
            return 0;
        }
        for (Dependent dependent : purge.dependents()) {
            jdbc.sql("DELETE FROM %s WHERE %s IN (:keys)".formatted(dependent.table(), dependent.column()))
                    .param("keys", keys).update();
        }
        return jdbc.sql("DELETE FROM %s WHERE %s IN (:keys)".formatted(purge.table(), purge.key()))
                .param("keys", keys).update();
    }

    private static void requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a plain SQL name, not " + name);
        }
    }
}
