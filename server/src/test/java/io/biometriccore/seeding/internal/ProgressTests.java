package io.biometriccore.seeding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void showsTheCountTheShareTheRateAndTheTimeLeft() {
        String line = Progress.line("customers", 250_000, 1_000_000, 50 * SECOND);

        assertThat(line).startsWith("customers [========").contains("250,000/1,000,000", " 25.0%", "5,000/s",
                "ETA 2m30s");
    }

    @Test
    void hasNoEtaBeforeAnythingIsDoneAndAFullBarAtTheEnd() {
        assertThat(Progress.line("events", 0, 10, 0)).contains("0/10", "ETA ?");
        assertThat(Progress.line("events", 10, 10, 2 * SECOND)).contains("[" + "=".repeat(30) + "]", "100.0%",
                "ETA 0s");
    }

    @Test
    void rewritesOneLineOnEachAdvanceAndEndsItWhenFinished() {
        var bytes = new ByteArrayOutputStream();
        var clock = new AtomicLong();
        var progress = new Progress("customers", 4, new PrintStream(bytes, true, StandardCharsets.UTF_8), clock::get);

        clock.set(SECOND);
        progress.advance(2);
        clock.set(2 * SECOND);
        progress.advance(2);
        Duration took = progress.finish();

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).startsWith("\r").doesNotContain("\n" + "customers").endsWith(System.lineSeparator());
        assertThat(printed.split("\r")).hasSize(3);
        assertThat(printed).contains("2/4", "4/4");
        assertThat(took).isEqualTo(Duration.ofSeconds(2));
    }
}
