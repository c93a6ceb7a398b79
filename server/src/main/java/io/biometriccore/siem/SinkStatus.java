package io.biometriccore.siem;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** How far one configured sink has got with each tenant's log. */
public record SinkStatus(String name, String format, List<TenantStatus> tenants) {

    public SinkStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        tenants = List.copyOf(tenants);
    }

    /**
     * One tenant's log at one sink.
     *
     * @param sealed     events sealed in the tenant's log (its tree size)
     * @param delivered  events the sink acknowledged: leaves {@code 0..delivered-1}
     * @param lag        sealed events not yet acknowledged
     * @param failures   failed attempts since the last success; the next waits for the backoff
     * @param lastStatus the HTTP status of the last attempt, 0 when the receiver did not answer
     */
    public record TenantStatus(String tenantId, long sealed, long delivered, long lag, int failures,
            @Nullable Integer lastStatus, @Nullable Instant lastAttemptAt, @Nullable Instant lastDeliveredAt) {

        public TenantStatus {
            Objects.requireNonNull(tenantId, "tenantId");
            if (delivered < 0 || lag < 0 || failures < 0) {
                throw new IllegalArgumentException("counts are never negative");
            }
        }
    }
}
