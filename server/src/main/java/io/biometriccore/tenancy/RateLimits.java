package io.biometriccore.tenancy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.catalina.util.NetMask;
import org.jspecify.annotations.Nullable;

/**
 * How much anonymous work a tenant accepts (ADR 0024). Each limit is a token bucket of
 * {@code requests} refilled evenly over {@code period}. Successes never consume a failure limit, so
 * many customers signing in from one address (a bank's proxy) are bounded only by the generous request
 * ceilings.
 *
 * @param addressRequests  requests to the anonymous routes per client address (an IPv6 address counts
 *                         by its /64)
 * @param addressFailures  failures (any failed security event) per client address; when spent, the
 *                         address's anonymous requests are refused until it refills
 * @param usernameFailures failed username-first sign-ins per username; when spent, a failed sign-in for
 *                         that username is answered {@code rate_limited} instead of its reason. Options
 *                         and successes are never refused, and a success never consumes
 * @param tenantRequests   requests to the tenant's anonymous routes from everyone, on one node with the
 *                         memory store, across nodes with Redis
 * @param exemptNetworks   CIDR blocks (IPv4 or IPv6) to which the per-address limits do not apply
 */
public record RateLimits(Limit addressRequests, Limit addressFailures, Limit usernameFailures, Limit tenantRequests,
        List<String> exemptNetworks) {

    private static final int MAX_EXEMPT_NETWORKS = 100;

    /**
     * One token bucket.
     *
     * @param requests the bucket's capacity, and what it regains over {@code period} (1 to 10 000 000)
     * @param period   1 second to 1 day
     */
    public record Limit(long requests, Duration period) {

        private static final long MAX_REQUESTS = 10_000_000;

        public Limit {
            Objects.requireNonNull(period, "period");
            if (requests < 1 || requests > MAX_REQUESTS) {
                throw new IllegalArgumentException("requests must be between 1 and " + MAX_REQUESTS);
            }
            if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("period must be between PT1S and P1D");
            }
        }
    }

    public RateLimits {
        Objects.requireNonNull(addressRequests, "addressRequests");
        Objects.requireNonNull(addressFailures, "addressFailures");
        Objects.requireNonNull(usernameFailures, "usernameFailures");
        Objects.requireNonNull(tenantRequests, "tenantRequests");
        exemptNetworks = List.copyOf(Objects.requireNonNull(exemptNetworks, "exemptNetworks"));
        if (exemptNetworks.size() > MAX_EXEMPT_NETWORKS) {
            throw new IllegalArgumentException("exemptNetworks must have at most " + MAX_EXEMPT_NETWORKS + " entries");
        }
        exemptNetworks.forEach(RateLimits::netMask);
    }

    /**
     * Request ceilings well above what one address sends for hundreds of sign-ins a second (a bank's
     * proxy, the load generator), tight failure limits: 2000 requests a second per address, 10 000 per
     * tenant, 100 failures a minute per address, 10 failed sign-ins per username in 15 minutes.
     */
    public static RateLimits defaults() {
        return new RateLimits(new Limit(2_000, Duration.ofSeconds(1)), new Limit(100, Duration.ofMinutes(1)),
                new Limit(10, Duration.ofMinutes(15)), new Limit(10_000, Duration.ofSeconds(1)), List.of());
    }

    /** Fills the members a partial JSON document left out with {@link #defaults()}. */
    public static RateLimits withDefaults(@Nullable Limit addressRequests, @Nullable Limit addressFailures,
            @Nullable Limit usernameFailures, @Nullable Limit tenantRequests, @Nullable List<String> exemptNetworks) {
        RateLimits d = defaults();
        return new RateLimits(addressRequests != null ? addressRequests : d.addressRequests(),
                addressFailures != null ? addressFailures : d.addressFailures(),
                usernameFailures != null ? usernameFailures : d.usernameFailures(),
                tenantRequests != null ? tenantRequests : d.tenantRequests(),
                exemptNetworks != null ? exemptNetworks : d.exemptNetworks());
    }

    /** Whether the per-address limits spare this address. */
    public boolean exempts(InetAddress address) {
        return exemptNetworks.stream().anyMatch(network -> netMask(network).matches(address));
    }

    /** Literal addresses only: Tomcat's {@link NetMask} would resolve a host name through DNS. */
    private static NetMask netMask(@Nullable String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        try {
            if (slash < 0) {
                throw new IllegalArgumentException("no prefix length");
            }
            InetAddress.ofLiteral(cidr.substring(0, slash));
            return new NetMask(cidr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("exemptNetworks: " + cidr + " is not a CIDR block such as 10.0.0.0/8"
                    + " or 2001:db8::/32");
        }
    }
}
