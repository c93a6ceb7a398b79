package io.biometriccore.metadata.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Gauges of the BLOB in force on this node: its {@code no}, its {@code nextUpdate} (epoch seconds) and
 * its age since it was loaded (seconds); NaN while none is loaded. Load failures are counted by
 * {@link MdsEvents}.
 */
@Component
class MdsMetrics {

    MdsMetrics(MeterRegistry registry, MetadataBlobs blobs, Clock clock) {
        Gauge.builder("biometric.mds.blob.number", blobs, b -> b.current().map(l -> (double) l.no()).orElse(Double.NaN))
                .description("The serial number (no) of the MDS3 BLOB loaded").register(registry);
        Gauge.builder("biometric.mds.blob.next_update", blobs,
                        b -> b.current().map(l -> (double) l.nextUpdateAt().getEpochSecond()).orElse(Double.NaN))
                .description("The nextUpdate of the MDS3 BLOB loaded, epoch seconds").baseUnit("seconds")
                .register(registry);
        Gauge.builder("biometric.mds.blob.age", blobs, b -> b.current()
                        .map(l -> (double) Duration.between(l.loadedAt(), clock.instant()).toSeconds())
                        .orElse(Double.NaN))
                .description("Since the MDS3 BLOB loaded was taken into force").baseUnit("seconds").register(registry);
    }
}
