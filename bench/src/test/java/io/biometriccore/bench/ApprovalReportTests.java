package io.biometriccore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.bench.Report.Latency;
import io.biometriccore.bench.Report.StepReport;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** An approve run's report, and the CPU per operation it is built from, from figures made up here. */
class ApprovalReportTests {

    private static final SignInReport.Parameters PARAMETERS = new SignInReport.Parameters("approve",
            "http://localhost:8080", "small", "http://localhost:8080", "localhost", 2000, 7, List.of(8), 5, 20);

    @Test
    void theTableHasARowPerLevelAndOnePerStepOfEachLevel() {
        ApprovalReport report = new ApprovalReport(PARAMETERS, Instant.EPOCH, 123L, List.of(level(0, 2.5, null)));

        assertThat(report.table()).contains(" 8       100       0      50.0    30.00    60.00    90.00        2.50"
                + "           -       400").contains("      8 register      100       0    10.00    20.00    30.00    40.00")
                .contains("      8 options ").contains("      8 approve ");
        assertThat(report.hasErrors()).isFalse();
        assertThat(new ApprovalReport(PARAMETERS, Instant.EPOCH, null, List.of(level(1, null, null))).hasErrors())
                .isTrue();
    }

    @Test
    void cpuPerOperationIsTheMeasuredTimeOverTheCompletedOnesAndUnknownWithoutEither() {
        var measured = new Levels.Measured(1_000_000_000L, OptionalLong.of(250), OptionalLong.empty(), null);

        assertThat(measured.serverCpuMsPer(100)).isEqualTo(2.5);
        assertThat(measured.serverCpuMsPer(0)).isNull();
        assertThat(measured.postgresCpuMsPer(100)).isNull();
    }

    private static ApprovalReport.Level level(int errors, Double serverCpu, Double postgresCpu) {
        var latency = new Latency(10, 20, 30, 40);
        List<StepReport> steps = ApprovalReport.STEPS.stream()
                .map(step -> new StepReport(step, 100, 0, 50, latency, List.of())).toList();
        return new ApprovalReport.Level(8, 2000, 100, errors, 50, new Latency(30, 60, 90, 120), steps, 8, serverCpu,
                postgresCpu, 400L * 1024 * 1024, List.of());
    }
}
