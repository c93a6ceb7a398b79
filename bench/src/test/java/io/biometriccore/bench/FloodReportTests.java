package io.biometriccore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a flood left behind, counted by hand. */
class FloodReportTests {

    private static final FloodReport.Parameters PARAMETERS = new FloodReport.Parameters("flood",
            "http://localhost:8080", "demo", 4, 1000);

    @Test
    void challengesStoredAreTheOptionsAnswered200AndAuditRowsTheGrowthOfTheLog() {
        FloodReport report = new FloodReport(PARAMETERS, Map.of("200", 940L, "503 rate_limited", 60L),
                Map.of("400 challenge_unknown", 1000L), 1200, 1207, 2000, 3000);

        assertThat(report.challengesStored()).isEqualTo(940);
        assertThat(report.auditRowsWritten()).isEqualTo(7);
        assertThat(report.hasErrors()).isFalse();
    }

    @Test
    void anUnexpectedAnswerIsAnError() {
        assertThat(new FloodReport(PARAMETERS, Map.of("200", 999L, "500 internal_error", 1L),
                Map.of("400 challenge_unknown", 1000L), 0, 0, 1, 1).hasErrors()).isTrue();
        assertThat(new FloodReport(PARAMETERS, Map.of("200", 1000L),
                Map.of("400 challenge_unknown", 999L, "no response", 1L), 0, 0, 1, 1).hasErrors()).isTrue();
        assertThat(new FloodReport(PARAMETERS, Map.of(), Map.of(), 5, 5, 1, 1).challengesStored()).isZero();
    }

    @Test
    void theTableShowsWallTimesInSeconds() {
        FloodReport report = new FloodReport(PARAMETERS, Map.of("200", 1000L), Map.of("400 challenge_unknown", 1000L),
                10, 12, 2500, 1250);

        assertThat(report.table()).endsWith("challenges stored 1000, audit rows written 2; options 2.5 s,"
                + " verifies 1.3 s" + System.lineSeparator());
    }
}
