package io.biometriccore.siem.internal;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code biometric.audit.siem}: the sinks the sealed audit log is exported to, and the timing of the
 * export. Invalid settings stop the server at start-up.
 *
 * @param pollInterval   the pause between two passes over a sink's tenants once it has caught up
 * @param requestTimeout how long one POST may take, connecting included
 * @param initialBackoff the pause after a failed delivery; it doubles with each further failure
 * @param maxBackoff     the cap of that pause
 * @param lease          how long a node keeps a sink and tenant to itself after its last batch; longer than
 *                       {@code requestTimeout}
 */
@ConfigurationProperties(prefix = "biometric.audit.siem")
public record SiemProperties(@DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("PT10S") Duration requestTimeout, @DefaultValue("PT1S") Duration initialBackoff,
        @DefaultValue("PT5M") Duration maxBackoff, @DefaultValue("PT1M") Duration lease,
        @DefaultValue List<Sink> sinks) {

    public static final int MIN_SECRET_LENGTH = 32;
    public static final int MAX_BATCH_SIZE = 10_000;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    public SiemProperties {
        positive(pollInterval, "poll-interval");
        positive(requestTimeout, "request-timeout");
        positive(initialBackoff, "initial-backoff");
        positive(maxBackoff, "max-backoff");
        positive(lease, "lease");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max-backoff must not be shorter than initial-backoff");
        }
        if (lease.compareTo(requestTimeout) <= 0) {
            throw new IllegalArgumentException("lease must be longer than request-timeout");
        }
        sinks = List.copyOf(sinks);
        Set<String> names = new HashSet<>();
        for (Sink sink : sinks) {
            if (!names.add(sink.name())) {
                throw new IllegalArgumentException("two SIEM sinks are named " + sink.name());
            }
        }
    }

    /** The pause after {@code failures} failed attempts in a row: the initial backoff, doubled each time, capped. */
    public Duration backoff(int failures) {
        Duration pause = initialBackoff.multipliedBy(1L << Math.clamp(failures - 1L, 0, 30));
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }

    /**
     * One receiver of the log.
     *
     * @param name      names the sink in cursors, logs and the delivery header: {@code [a-z0-9][a-z0-9_-]{0,39}}
     * @param url       the webhook; HTTPS, or plain HTTP to {@code localhost} or {@code 127.0.0.1} only
     * @param secret    the HMAC-SHA256 key of the signature header, at least 32 characters; never logged
     * @param tenants   the tenants exported to this sink; empty for all
     * @param batchSize the most events in one POST
     */
    public record Sink(String name, URI url, String secret, @DefaultValue("jsonl") EventFormat format,
            @DefaultValue List<String> tenants, @DefaultValue("500") int batchSize) {

        public Sink {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a SIEM sink name must match " + NAME.pattern());
            }
            Objects.requireNonNull(url, "url of SIEM sink " + name);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
            boolean local = scheme.equals("http") && LOOPBACK.contains(host);
            if (host.isEmpty() || !(scheme.equals("https") || local)) {
                throw new IllegalArgumentException("SIEM sink " + name
                        + " needs an https URL (plain http only to localhost or 127.0.0.1)");
            }
            if (url.getRawUserInfo() != null) {
                throw new IllegalArgumentException("SIEM sink " + name + " must not carry credentials in its URL");
            }
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("SIEM sink " + name + " needs a secret of at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
            Objects.requireNonNull(format, "format of SIEM sink " + name);
            tenants = List.copyOf(tenants);
            for (String tenant : tenants) {
                if (!TENANT.matcher(tenant).matches()) {
                    throw new IllegalArgumentException("SIEM sink " + name + " names an invalid tenant id");
                }
            }
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("SIEM sink " + name + " needs a batch size from 1 to "
                        + MAX_BATCH_SIZE);
            }
        }

        /** Whether the sink receives this tenant's log. */
        public boolean exports(String tenantId) {
            return tenants.isEmpty() || tenants.contains(tenantId);
        }

        /** Without the secret, which must never reach a log. */
        @Override
        public String toString() {
            return "Sink[name=" + name + ", format=" + format + ", tenants=" + tenants + ", batchSize=" + batchSize
                    + "]";
        }
    }

    private static void positive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration");
        }
    }
}
