package io.biometriccore.metadata.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code mds} health indicator. {@code UP}: a BLOB is in force, before its {@code nextUpdate},
 * and the last refresh worked. {@code DEGRADED} (answered with 200, so readiness holds): past
 * {@code nextUpdate} within the grace, the last refresh failed, or no BLOB is in force at all; in the
 * last case {@code DOWN} instead where {@code biometric.mds.stale-is-down} says so. Without a source,
 * {@code UNKNOWN} with {@code configured: false}.
 */
class MdsHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "MDS3 metadata is stale or could not be refreshed");

    private final MetadataBlobs blobs;
    private final MdsProperties properties;
    private final Clock clock;

    MdsHealth(MetadataBlobs blobs, MdsProperties properties, Clock clock) {
        this.blobs = blobs;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (!blobs.configured()) {
            return Health.unknown().withDetail("configured", false).build();
        }
        Instant now = clock.instant();
        Health.Builder health = blobs.inForce().isEmpty()
                ? new Health.Builder(properties.staleIsDown() ? Status.DOWN : DEGRADED).withDetail("inForce", false)
                : new Health.Builder(blobs.inForce().get().due(now) || failedLast() ? DEGRADED : Status.UP)
                        .withDetail("inForce", true);
        blobs.current().ifPresent(b -> health.withDetail("no", b.no()).withDetail("nextUpdate", b.nextUpdate().toString()));
        blobs.lastAttempt().ifPresent(a -> health.withDetail("lastAttempt", a.outcome().name().toLowerCase(Locale.ROOT))
                .withDetail("lastAttemptAt", a.at().toString()));
        return health.build();
    }

    private boolean failedLast() {
        return blobs.lastAttempt().filter(a -> a.outcome() != MetadataBlobs.Outcome.LOADED).isPresent();
    }
}
