package io.biometriccore.seeding.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/** A progress bar on one line of a terminal: each update rewrites it with the count, the rate and the ETA. */
final class Progress {

    private static final int BAR_WIDTH = 30;
    private static final double NANOS_PER_SECOND = 1e9;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long done;

    Progress(String label, long total, PrintStream out, LongSupplier nanoTime) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** Thread-safe: several writers may report. */
    synchronized void advance(long count) {
        done += count;
        out.print("\r" + line(label, done, total, nanoTime.getAsLong() - startNanos));
        out.flush();
    }

    /** Ends the line; answers the time since the start. */
    synchronized Duration finish() {
        long elapsed = nanoTime.getAsLong() - startNanos;
        out.println();
        return Duration.ofNanos(elapsed);
    }

    /** E.g. {@code customers [=======>      ] 120,000/1,000,000  12.0%  8,512/s  ETA 1m43s}. */
    static String line(String label, long done, long total, long elapsedNanos) {
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        double rate = elapsedNanos <= 0 ? 0 : done * NANOS_PER_SECOND / elapsedNanos;
        String eta = rate == 0 ? "?" : duration(Math.round((total - done) / rate));
        return String.format(Locale.ROOT, "%s [%s%s] %,d/%,d %5.1f%% %,.0f/s ETA %s   ", label,
                "=".repeat(filled), " ".repeat(BAR_WIDTH - filled), done, total, fraction * 100, rate, eta);
    }

    private static String duration(long seconds) {
        return seconds >= 60 ? seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s"
                : seconds + "s";
    }
}
