package io.biometriccore.risk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the engine remembers of a customer's earlier successful attempts, one bounded record per
 * customer (docs/risk.md "History"): read once per attempt, updated in the transaction of a success.
 *
 * @param successes   successful sign-ins, step-ups and approvals counted so far
 * @param lastAt      when the latest of them happened
 * @param lastPlace   where it came from
 * @param networks    the networks ({@link Place#network()}) seen, the most recent {@value #MAX_REMEMBERED}
 * @param countries   the countries seen, the most recent {@value #MAX_REMEMBERED}
 * @param credentials the base64url ids of the credentials used, the most recent {@value #MAX_REMEMBERED}
 * @param hours       how many successes fell in each hour of the day (UTC), 24 counts
 */
public record CustomerHistory(long successes, @Nullable Instant lastAt, @Nullable Place lastPlace,
        Set<String> networks, Set<String> countries, Set<String> credentials, List<Long> hours) {

    /** How many networks, countries and credentials the history keeps, newest first. */
    public static final int MAX_REMEMBERED = 20;

    public static final CustomerHistory NONE = new CustomerHistory(0, null, null, Set.of(), Set.of(), Set.of(),
            java.util.Collections.nCopies(24, 0L));

    public CustomerHistory {
        networks = Set.copyOf(Objects.requireNonNull(networks, "networks"));
        countries = Set.copyOf(Objects.requireNonNull(countries, "countries"));
        credentials = Set.copyOf(Objects.requireNonNull(credentials, "credentials"));
        hours = List.copyOf(Objects.requireNonNull(hours, "hours"));
        if (successes < 0 || hours.size() != 24) {
            throw new IllegalArgumentException("successes must be 0 or more, and hours 24 counts");
        }
        if (networks.size() > MAX_REMEMBERED || countries.size() > MAX_REMEMBERED
                || credentials.size() > MAX_REMEMBERED) {
            throw new IllegalArgumentException("a history remembers " + MAX_REMEMBERED + " of each at most");
        }
    }
}
