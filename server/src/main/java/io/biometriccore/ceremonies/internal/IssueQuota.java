package io.biometriccore.ceremonies.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The cap of a shared challenge store, kept by each node for itself: at most {@code max} challenges
 * issued by this node in the last {@link #WINDOW}. No ceremony lives longer than the window (the
 * longest challenge timeout a tenant may set, ten minutes, plus the minute Redis keeps a key past its
 * ceremony), so this node never has more than {@code max} live challenges in the shared store, while
 * the save path stays one statement or one script, and nothing is counted in the shared store itself.
 * The window is a ring of one-minute slots; an admission sums them, a constant cost.
 */
final class IssueQuota {

    static final Duration SLOT = Duration.ofMinutes(1);
    /** Eleven minutes of live ceremony, and one slot more because the oldest slot is partly past. */
    static final int SLOTS = 12;
    static final Duration WINDOW = SLOT.multipliedBy(SLOTS);

    private final int max;
    private final Clock clock;
    private final long[] issued = new long[SLOTS];
    private final long[] slotOf = new long[SLOTS];

    IssueQuota(int max, Clock clock) {
        if (max < 1) {
            throw new IllegalArgumentException("biometric.challenges.max-pending must be at least 1, not " + max);
        }
        this.max = max;
        this.clock = clock;
    }

    /** Counts one issue and returns empty, or, at the cap, counts nothing and says when room is made. */
    synchronized Optional<Duration> admit() {
        long nowMillis = clock.millis();
        long slot = nowMillis / SLOT.toMillis();
        long total = 0;
        long oldest = slot;
        for (int i = 0; i < SLOTS; i++) {
            if (slotOf[i] > slot - SLOTS && issued[i] > 0) {
                total += issued[i];
                oldest = Math.min(oldest, slotOf[i]);
            }
        }
        if (total >= max) {
            return Optional.of(Duration.ofMillis((oldest + SLOTS) * SLOT.toMillis() - nowMillis));
        }
        int here = (int) (slot % SLOTS);
        if (slotOf[here] != slot) {
            slotOf[here] = slot;
            issued[here] = 0;
        }
        issued[here]++;
        return Optional.empty();
    }
}
