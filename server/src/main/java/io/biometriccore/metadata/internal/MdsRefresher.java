package io.biometriccore.metadata.internal;

import io.biometriccore.shared.ApiException;
import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code biometric.mds.refresh-interval}, and once at start: takes a newer stored BLOB into
 * force, then reads the source when there is no BLOB, it is due ({@code nextUpdate} reached), or the
 * last attempt failed. A failure is already audited and counted; the last good BLOB stays.
 */
class MdsRefresher {

    private final MetadataBlobs blobs;
    private final Clock clock;

    MdsRefresher(MetadataBlobs blobs, Clock clock) {
        this.blobs = blobs;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${biometric.mds.refresh-interval:PT1H}")
    void refreshWhenDue() {
        blobs.adoptStored();
        boolean due = blobs.current().map(b -> b.due(clock.instant())).orElse(true)
                || blobs.lastAttempt().filter(a -> a.outcome() != MetadataBlobs.Outcome.LOADED).isPresent();
        if (due) {
            try {
                blobs.refresh("scheduled");
            } catch (ApiException e) {
                // Audited, counted and logged by MetadataBlobs; retried at the next interval.
            }
        }
    }
}
