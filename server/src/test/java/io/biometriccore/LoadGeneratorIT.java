package io.biometriccore;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.bench.Config;
import io.biometriccore.bench.FloodReport;
import io.biometriccore.bench.LoadGenerator;
import io.biometriccore.bench.Report;
import io.biometriccore.bench.Report.StepReport;
import io.biometriccore.bench.Step;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator against a quick-start server (profile {@code quickstart}, embedded H2, the
 * {@code demo} tenant): every step of every iteration succeeds and the JSON report lists them; a
 * flood against a challenge store capped at {@value #CAP} stores that many and no more. The enroll run
 * goes first: it leaves no ceremony pending, and the flood leaves the store full. Nothing here is about time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("quickstart")
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadGeneratorIT {

    static final int CAP = 40;
    private static final int FLOOD = 100;

    private static final String ADMIN_KEY = "load-generator-it-admin-key-0123456789abcdef";
    private static final int CLIENTS = 4;
    private static final int ITERATIONS = 3;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("biometric.data-dir", () -> dataDir.toString());
        registry.add("biometric.admin.api-key", () -> ADMIN_KEY);
        registry.add("biometric.challenges.max-pending", () -> CAP);
    }

    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void runsEveryStepOfEveryIterationWithoutErrorsAndWritesTheReport(@TempDir Path out) throws Exception {
        Path reportFile = out.resolve("report.json");
        Config config = Config.parse(List.of("--url", "http://localhost:" + port, "--admin-key", ADMIN_KEY,
                "--clients", String.valueOf(CLIENTS), "--iterations", String.valueOf(ITERATIONS),
                "--out", reportFile.toString()), Map.of());

        Report report = LoadGenerator.run(config);

        assertThat(report.steps()).extracting(StepReport::step)
                .containsExactly("customer", "grant", "registration", "login", "refresh", "introspection");
        for (Step step : Step.values()) {
            StepReport s = report.step(step);
            assertThat(s.errors()).as("%s errors: %s", step, s.errorSamples()).isZero();
            assertThat(s.count()).as(step.wireName()).isEqualTo(CLIENTS * ITERATIONS);
        }
        assertThat(reportFile).isRegularFile();
        JsonNode written = JsonMapper.builder().build().readTree(reportFile.toFile());
        assertThat(written.path("parameters").path("clients").asInt()).isEqualTo(CLIENTS);
        assertThat(written.path("parameters").path("rpId").asString()).isEqualTo("localhost");
        assertThat(written.path("steps")).hasSize(Step.values().length);
        for (JsonNode step : written.path("steps")) {
            assertThat(step.path("count").asInt()).as(step.path("step").asString()).isEqualTo(CLIENTS * ITERATIONS);
            assertThat(step.path("errors").asInt()).as(step.path("step").asString()).isZero();
        }
        assertThat(written.toString()).doesNotContain(ADMIN_KEY);
    }

    @Test
    @Order(2)
    void aFloodReportsTheChallengesItStoredTheRefusalsAndTheAuditRowsItWrote(@TempDir Path out) throws Exception {
        Path reportFile = out.resolve("flood.json");
        Config config = Config.parse(List.of("--scenario", "flood", "--url", "http://localhost:" + port,
                "--admin-key", ADMIN_KEY, "--clients", "4", "--requests", String.valueOf(FLOOD),
                "--out", reportFile.toString()), Map.of());

        FloodReport report = LoadGenerator.runFlood(config);

        assertThat(report.hasErrors()).as(report.table()).isFalse();
        assertThat(report.challengesStored()).isEqualTo(CAP);
        assertThat(report.options()).containsEntry("503 challenge_store_full", (long) FLOOD - CAP);
        assertThat(report.verifies()).containsOnlyKeys("400 challenge_mismatch")
                .containsEntry("400 challenge_mismatch", (long) FLOOD);
        assertThat(report.auditRowsAfter()).isGreaterThanOrEqualTo(report.auditRowsBefore());
        JsonNode written = JsonMapper.builder().build().readTree(reportFile.toFile());
        assertThat(written.path("options").path("200").asLong()).isEqualTo(CAP);
        assertThat(written.path("auditRowsAfter").asLong()).isEqualTo(report.auditRowsAfter());
        assertThat(written.toString()).doesNotContain(ADMIN_KEY);
    }
}
