package io.biometriccore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.bench.Report.Latency;
import io.biometriccore.bench.Report.StepReport;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The report's arithmetic against values worked out by hand: nearest-rank percentiles (the sample at
 * rank {@code ceil(p/100 * n)} of the sorted samples), attempts per second of wall time, and
 * milliseconds to three decimals.
 */
class StepRecorderTests {

    private static final long MS = 1_000_000;
    private static final long SECOND = 1_000_000_000;

    @Test
    void percentilesAreTheNearestRankOfTheSortedSamples() {
        StepRecorder recorder = new StepRecorder("login");
        // 1 ms to 20 ms, recorded out of order: ranks 10, 19 and 20 of 20.
        IntStream.of(20, 3, 17, 1, 9, 12, 5, 19, 8, 14, 2, 16, 11, 7, 18, 4, 13, 6, 15, 10)
                .forEach(ms -> recorder.success(ms * MS));

        StepReport report = recorder.report(4 * SECOND);

        assertThat(report.latencyMs()).isEqualTo(new Latency(10, 19, 20, 20));
    }

    @Test
    void aPercentileOfFewSamplesRoundsItsRankUp() {
        StepRecorder recorder = new StepRecorder("login");
        // Three samples: p50 is rank ceil(1.5) = 2, p95 and p99 are rank ceil(2.85) = ceil(2.97) = 3.
        List.of(30L, 10L, 20L).forEach(ms -> recorder.success(ms * MS));

        assertThat(recorder.report(SECOND).latencyMs()).isEqualTo(new Latency(20, 30, 30, 30));
    }

    @Test
    void oneSampleIsEveryPercentile() {
        StepRecorder recorder = new StepRecorder("refresh");
        recorder.success(7 * MS);

        assertThat(recorder.report(SECOND).latencyMs()).isEqualTo(new Latency(7, 7, 7, 7));
    }

    @Test
    void noSamplesReportZeroEverywhere() {
        StepReport report = new StepRecorder("grant").report(0);

        assertThat(report.count()).isZero();
        assertThat(report.throughput()).isZero();
        assertThat(report.latencyMs()).isEqualTo(new Latency(0, 0, 0, 0));
    }

    @Test
    void throughputIsAttemptsPerSecondOfWallTimeToThreeDecimals() {
        StepRecorder twenty = new StepRecorder("login");
        IntStream.rangeClosed(1, 20).forEach(i -> twenty.success(MS));
        StepRecorder three = new StepRecorder("login");
        IntStream.rangeClosed(1, 3).forEach(i -> three.success(MS));
        StepRecorder one = new StepRecorder("login");
        one.success(MS);

        assertThat(twenty.report(4 * SECOND).throughput()).isEqualTo(5.0);
        assertThat(three.report(2 * SECOND).throughput()).isEqualTo(1.5);
        assertThat(three.report(500 * MS).throughput()).isEqualTo(6.0);
        // 1 / 3 s = 0.3333... per second
        assertThat(one.report(3 * SECOND).throughput()).isEqualTo(0.333);
        // 2 / 3 s = 0.6666... rounds up
        StepRecorder two = new StepRecorder("login");
        two.success(MS);
        two.success(MS);
        assertThat(two.report(3 * SECOND).throughput()).isEqualTo(0.667);
    }

    @Test
    void failedAttemptsCountAndTimeLikeOthersAndKeepTheFirstFiveErrors() {
        StepRecorder recorder = new StepRecorder("registration");
        recorder.success(2 * MS);
        IntStream.rangeClosed(1, 7).forEach(i -> recorder.failure(i * 10 * MS, "error " + i));

        StepReport report = recorder.report(SECOND);

        assertThat(report.count()).isEqualTo(8);
        assertThat(report.errors()).isEqualTo(7);
        assertThat(report.throughput()).isEqualTo(8.0);
        assertThat(report.errorSamples()).containsExactly("error 1", "error 2", "error 3", "error 4", "error 5");
        // 2, 10, 20, ..., 70 ms: p50 is rank 4 of 8, p95 and p99 rank 8.
        assertThat(report.latencyMs()).isEqualTo(new Latency(30, 70, 70, 70));
    }

    @Test
    void millisecondsAreRoundedToThreeDecimals() {
        assertThat(StepRecorder.millis(1_234_567)).isEqualTo(1.235);
        assertThat(StepRecorder.millis(1_234_499)).isEqualTo(1.234);
        assertThat(StepRecorder.millis(999)).isEqualTo(0.001);
        assertThat(StepRecorder.millis(499)).isEqualTo(0.0);
        assertThat(StepRecorder.millis(3 * SECOND)).isEqualTo(3000.0);
    }

    @Test
    void theReportNamesItsStep() {
        assertThat(new StepRecorder(Step.INTROSPECTION).report(SECOND).step()).isEqualTo("introspection");
    }
}
