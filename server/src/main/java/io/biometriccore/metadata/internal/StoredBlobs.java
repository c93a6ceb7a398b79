package io.biometriccore.metadata.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mds_blob} table: the last good BLOB of the deployment, one row by its primary key. Not
 * per tenant: the Metadata Service describes models, the same for every bank (V15, docs/adr/0038).
 */
@Repository
class StoredBlobs {

    record Stored(int no, LocalDate nextUpdate, String jws) {
    }

    private final JdbcClient jdbc;

    StoredBlobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> current() {
        return jdbc.sql("SELECT no, next_update, jws FROM mds_blob WHERE id = 1")
                .query((rs, n) -> new Stored(rs.getInt("no"), rs.getObject("next_update", LocalDate.class),
                        rs.getString("jws")))
                .optional();
    }

    /** Stores the BLOB unless one with an equal or higher {@code no} is stored; true if it was stored. */
    boolean saveIfNewer(int no, LocalDate nextUpdate, String jws, Instant loadedAt) {
        int updated = jdbc.sql("UPDATE mds_blob SET no = :no, next_update = :next, jws = :jws, loaded_at = :at"
                        + " WHERE id = 1 AND no < :no")
                .param("no", no).param("next", nextUpdate).param("jws", jws).param("at", OffsetDateTime.ofInstant(loadedAt, ZoneOffset.UTC))
                .update();
        if (updated == 1) {
            return true;
        }
        return jdbc.sql("INSERT INTO mds_blob (id, no, next_update, jws, loaded_at)"
                        + " VALUES (1, :no, :next, :jws, :at) ON CONFLICT DO NOTHING")
                .param("no", no).param("next", nextUpdate).param("jws", jws).param("at", OffsetDateTime.ofInstant(loadedAt, ZoneOffset.UTC))
                .update() == 1;
    }
}
