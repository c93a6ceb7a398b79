package io.biometriccore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTests {

    @Test
    void enrollIsTheDefaultScenarioAndNeedsTheAdminKey() {
        assertThat(Config.parse(List.of("--admin-key", "k"), Map.of()).scenario()).isEqualTo(Scenario.ENROLL);
        assertThatThrownBy(() -> Config.parse(List.of(), Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("admin key");
    }

    @Test
    void signinNeedsNoAdminKeyAndDefaultsToTheBenchTenantAndFiveLevels() {
        Config config = Config.parse(List.of("--scenario", "signin", "--customers", "1000000"), Map.of());

        assertThat(config.tenant()).isEqualTo("bench");
        assertThat(config.signIn()).isEqualTo(new SignInOptions(1_000_000, 42, List.of(1, 2, 4, 8, 16),
                Duration.ofSeconds(5), Duration.ofSeconds(20), null));
    }

    @Test
    void signinReadsItsLevelsTimesSeedAndServerProcess() {
        Config config = Config.parse(List.of("--scenario=signin", "--customers=50", "--seed=7", "--concurrency=1, 3",
                "--warmup=0", "--duration=1.5", "--server-pid=123"), Map.of());

        assertThat(config.signIn()).isEqualTo(new SignInOptions(50, 7, List.of(1, 3), Duration.ZERO,
                Duration.ofMillis(1500), 123L));
    }

    @Test
    void signinWithoutTheSeededCustomerCountIsRefused() {
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "signin"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--customers");
    }

    @Test
    void refusesAnUnknownScenarioABadLevelListAndAZeroDuration() {
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "login"), Map.of()))
                .hasMessageContaining("enroll, signin or flood");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "signin", "--customers", "5", "--concurrency",
                "1,x"), Map.of())).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "signin", "--customers", "5", "--concurrency",
                "0"), Map.of())).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "signin", "--customers", "5", "--duration",
                "0"), Map.of())).hasMessageContaining("--duration");
    }

    @Test
    void floodNeedsTheAdminKeyAndReadsItsRequestCount() {
        Config config = Config.parse(List.of("--scenario", "flood", "--admin-key", "k", "--requests", "100000",
                "--clients", "16"), Map.of());

        assertThat(config.scenario()).isEqualTo(Scenario.FLOOD);
        assertThat(config.requests()).isEqualTo(100_000);
        assertThat(config.clients()).isEqualTo(16);
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "flood"), Map.of()))
                .hasMessageContaining("admin key");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "flood", "--admin-key", "k", "--requests", "0"),
                Map.of())).hasMessageContaining("--requests");
    }

    @Test
    void theChartsGoBesideTheJson() {
        assertThat(LoadGenerator.chartsFile(Path.of("bench/target/signin.json")))
                .isEqualTo(Path.of("bench/target/signin.html"));
    }
}
