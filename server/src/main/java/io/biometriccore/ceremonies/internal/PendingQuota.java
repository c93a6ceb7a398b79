package io.biometriccore.ceremonies.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The cap of a shared challenge store, kept by each node for itself (ADR 0026): the ceremonies this
 * node saved and has not seen taken, each until its own expiry in the store (the ceremony's expiry
 * plus the store's grace). A take on this node of a ceremony saved here frees its place at once; one
 * taken on another node leaves at its expiry. So this node never has more than {@code max} ceremonies
 * in the shared store, while the save stays one statement or one script and the take one statement or
 * one {@code GETDEL}, and nothing is counted in the shared store itself.
 *
 * <p>An entry is a map entry and a node of a list. Ceremonies of one lifetime (timeout plus grace,
 * whole seconds; a tenant's timeout gives one) expire in the order they were saved, so each lifetime
 * has a list in expiry order: an entry goes in at its tail (stepping back past the few saved a moment
 * earlier with a later expiry), expired ones leave from its head, and a take unlinks its entry by key.
 * An entry never leaves before its expiry, whatever the order. Each operation costs a constant plus one
 * look at the head of each lifetime in use (a handful); memory is at most {@code max} entries.
 */
final class PendingQuota {

    private final int max;
    private final Clock clock;
    private final Map<String, Entry> byKey = new HashMap<>();
    /** By lifetime in whole seconds. */
    private final Map<Long, Lane> lanes = new HashMap<>();

    PendingQuota(int max, Clock clock) {
        if (max < 1) {
            throw new IllegalArgumentException("biometric.challenges.max-pending must be at least 1, not " + max);
        }
        this.max = max;
        this.clock = clock;
    }

    /**
     * Counts the ceremony under {@code key} until {@code expiry} and returns empty, or, at the cap,
     * counts nothing and says how long until the earliest counted one expires. A key counted already
     * (the store overwrote it) is counted once, with the new expiry.
     */
    synchronized Optional<Duration> admit(String key, Instant expiry) {
        long now = clock.millis();
        evictExpired(now);
        if (!byKey.containsKey(key) && byKey.size() >= max) {
            return Optional.of(Duration.ofMillis(earliestExpiry() - now));
        }
        release(key);
        long expiresAt = expiry.toEpochMilli();
        if (expiresAt <= now) {
            return Optional.empty();
        }
        long lifetime = Math.round((expiresAt - now) / 1000.0);
        Entry entry = new Entry(key, expiresAt, lanes.computeIfAbsent(lifetime, Lane::new));
        entry.lane.insert(entry);
        byKey.put(key, entry);
        return Optional.empty();
    }

    /** The ceremony under {@code key} was taken (or never stored); its place is free. Unknown keys change nothing. */
    synchronized void release(String key) {
        Entry entry = byKey.remove(key);
        if (entry != null) {
            unlink(entry);
        }
    }

    /** How many are counted now. */
    synchronized int pending() {
        evictExpired(clock.millis());
        return byKey.size();
    }

    private void evictExpired(long now) {
        for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext();) {
            Lane lane = it.next();
            while (lane.head != null && lane.head.expiresAt <= now) {
                byKey.remove(lane.head.key);
                lane.remove(lane.head);
            }
            if (lane.head == null) {
                it.remove();
            }
        }
    }

    private void unlink(Entry entry) {
        entry.lane.remove(entry);
        if (entry.lane.head == null) {
            lanes.remove(entry.lane.lifetime, entry.lane);
        }
    }

    private long earliestExpiry() {
        long earliest = Long.MAX_VALUE;
        for (Lane lane : lanes.values()) {
            earliest = Math.min(earliest, lane.head.expiresAt);
        }
        return earliest;
    }

    private static final class Entry {
        final String key;
        final long expiresAt;
        final Lane lane;
        Entry previous;
        Entry next;

        Entry(String key, long expiresAt, Lane lane) {
            this.key = key;
            this.expiresAt = expiresAt;
            this.lane = lane;
        }
    }

    /** Entries of one lifetime, earliest expiry first. */
    private static final class Lane {
        static final int MAX_STEPS = 64;
        final long lifetime;
        Entry head;
        Entry tail;

        Lane(long lifetime) {
            this.lifetime = lifetime;
        }

        /**
         * From the tail: saves of one lifetime arrive in expiry order but for the moment between them.
         * One earlier than the head (the clock went back) goes first. The step back is bounded: past
         * {@link #MAX_STEPS} the entry stays behind a later one and leaves with it, late but never
         * early, so a count is never short.
         */
        void insert(Entry entry) {
            Entry after = tail;
            if (head != null && entry.expiresAt < head.expiresAt) {
                after = null;
            }
            for (int steps = 0; after != null && after.expiresAt > entry.expiresAt && steps < MAX_STEPS; steps++) {
                after = after.previous;
            }
            entry.previous = after;
            entry.next = after == null ? head : after.next;
            if (entry.next == null) {
                tail = entry;
            } else {
                entry.next.previous = entry;
            }
            if (after == null) {
                head = entry;
            } else {
                after.next = entry;
            }
        }

        void remove(Entry entry) {
            if (entry.previous == null) {
                head = entry.next;
            } else {
                entry.previous.next = entry.next;
            }
            if (entry.next == null) {
                tail = entry.previous;
            } else {
                entry.next.previous = entry.previous;
            }
            entry.previous = null;
            entry.next = null;
        }
    }
}
