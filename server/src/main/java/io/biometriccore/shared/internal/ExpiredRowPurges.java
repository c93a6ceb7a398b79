package io.biometriccore.shared.internal;

import io.biometriccore.shared.ExpiredRows;
import io.biometriccore.shared.ExpiredRows.Purge;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs every module's {@link Purge} (ADR 0026): the rows whose expiry is more than
 * {@code biometric.purge.grace} past are deleted, every {@code biometric.purge.interval}. One table's
 * failure never holds up another's purge; it is retried on the next run.
 */
@Component
class ExpiredRowPurges {

    private static final Logger log = LoggerFactory.getLogger(ExpiredRowPurges.class);

    private final ExpiredRows expiredRows;
    private final List<Purge> purges;
    private final Duration grace;
    private final Clock clock;

    ExpiredRowPurges(ExpiredRows expiredRows, List<Purge> purges,
            @Value("${biometric.purge.grace:PT1H}") Duration grace, Clock clock) {
        this.expiredRows = expiredRows;
        this.purges = List.copyOf(purges);
        this.grace = grace;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${biometric.purge.interval:PT5M}")
    void purgeAll() {
        var cutoff = clock.instant().minus(grace);
        for (Purge purge : purges) {
            try {
                int deleted = expiredRows.purge(purge, cutoff);
                if (deleted > 0) {
                    log.debug("Purged {} expired rows of {}", deleted, purge.table());
                }
            } catch (RuntimeException e) {
                log.error("Purging expired rows of {} failed; it is retried on the next run", purge.table(), e);
            }
        }
    }
}
