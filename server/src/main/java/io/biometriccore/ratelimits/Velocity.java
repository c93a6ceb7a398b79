package io.biometriccore.ratelimits;

import io.biometriccore.ratelimits.internal.ClientAddress;
import io.biometriccore.ratelimits.internal.SlidingCounters;
import io.biometriccore.ratelimits.internal.SubjectHash;
import io.biometriccore.tenancy.RateLimits;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Counts of things per subject in a sliding window, for the risk engine's velocity signal (ADR 0044):
 * failed ceremonies or attempts per customer, credential, address or tenant. They live in the rate
 * limits' store ({@code biometric.rate-limits.store}), so that every node sees the same counts with
 * Redis. A window's count is the sliding-window estimate over two fixed windows: this one's count
 * plus the previous one's, weighted by how much of it the sliding window still covers (rounded up, so
 * that the estimate never undercounts a burst at a window's turn). Subjects are stored as hashes only.
 * A store that fails throws: the caller decides what an unknown count means.
 */
@Service
public class Velocity {

    private static final Pattern COUNTER = Pattern.compile("[a-z][a-z_]{0,47}");

    private final SlidingCounters counters;
    private final Function<String, Optional<RateLimits>> rateLimits;
    private final Clock clock;

    @Autowired
    Velocity(SlidingCounters counters, Tenants tenants, Clock clock) {
        this(counters, tenantId -> tenants.find(tenantId).map(Tenant::rateLimits), clock);
    }

    Velocity(SlidingCounters counters, Function<String, Optional<RateLimits>> rateLimits, Clock clock) {
        this.counters = counters;
        this.rateLimits = rateLimits;
        this.clock = clock;
    }

    /**
     * Counts one more for {@code subject}.
     *
     * @param counter what is counted, a lower-case code ({@code customer_failures})
     * @return the count in the window, this one included
     */
    public long add(String counter, String tenantId, String subject, Duration window) {
        Windows windows = windows(counter, tenantId, subject, window);
        return windows.estimate(counters.addAndRead(windows.current(), windows.previous(), window.multipliedBy(2)));
    }

    /** The count in the window, without counting. */
    public long count(String counter, String tenantId, String subject, Duration window) {
        Windows windows = windows(counter, tenantId, subject, window);
        return windows.estimate(counters.read(windows.current(), windows.previous()));
    }

    /**
     * The subject a client address counts as for the tenant: the address, or its /64 for IPv6, as the
     * rate limits count it. None for a loopback address, which is never a customer's but a local proxy's
     * that did not say whose request it relays (counting it would count every customer as one), and
     * none for an address in the tenant's {@code rateLimits.exemptNetworks} (a bank's own proxy or load
     * generator), which the rate limits do not count either.
     */
    public Optional<String> addressSubject(String tenantId, @Nullable String ip) {
        return ClientAddress.of(ip).filter(address -> !address.address().isLoopbackAddress())
                .filter(address -> rateLimits.apply(tenantId)
                .map(limits -> !limits.exempts(address.address())).orElse(true))
                .map(ClientAddress::key);
    }

    private Windows windows(String counter, String tenantId, String subject, Duration window) {
        if (!COUNTER.matcher(counter).matches() || window.toMillis() < 1000) {
            throw new IllegalArgumentException("counter must be a lower-case code and window a second or more");
        }
        long length = window.toMillis();
        long now = clock.millis();
        String base = "velocity:{" + counter + ":" + tenantId + ":" + SubjectHash.of(subject) + ":"
                + window.toSeconds() + "}:";
        long index = Math.floorDiv(now, length);
        return new Windows(base + index, base + (index - 1), (double) Math.floorMod(now, length) / length);
    }

    private record Windows(String current, String previous, double elapsed) {
        long estimate(long[] counts) {
            return counts[0] + (long) Math.ceil(counts[1] * (1 - elapsed));
        }
    }
}
