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
                .hasMessageContaining("enroll, signin, approve or flood");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "signin", "--customers", "5", "--concurrency",
                "1,x"), Map.of())).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "signin", "--customers", "5", "--concurrency",
                "0"), Map.of())).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "signin", "--customers", "5", "--duration",
                "0"), Map.of())).hasMessageContaining("--duration");
    }

    @Test
    void approveNeedsTheAdminKeyAndTheSeededCustomerCountAndReadsTheSignInOptions() {
        Config config = Config.parse(List.of("--scenario", "approve", "--customers", "2000", "--seed", "7",
                "--concurrency", "1,8,16", "--warmup", "30", "--duration", "20"), Map.of("BIOMETRIC_ADMIN_API_KEY", "k"));

        assertThat(config.scenario()).isEqualTo(Scenario.APPROVE);
        assertThat(config.tenant()).isEqualTo("bench");
        assertThat(config.adminKey()).isEqualTo("k");
        assertThat(config.signIn()).isEqualTo(new SignInOptions(2000, 7, List.of(1, 8, 16), Duration.ofSeconds(30),
                Duration.ofSeconds(20), null));
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "approve", "--customers", "5"), Map.of()))
                .hasMessageContaining("admin key");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "approve", "--admin-key", "k"), Map.of()))
                .hasMessageContaining("--scenario approve needs --customers");
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
    void enrollDefaultsToTheDemoTenantAndTheOriginAndRpIdOfTheUrl() {
        Config config = Config.parse(List.of("--admin-key", "k"), Map.of());

        assertThat(config.url()).hasToString("http://localhost:8080");
        assertThat(config.tenant()).isEqualTo("demo");
        assertThat(config.origin()).isEqualTo("http://localhost:8080");
        assertThat(config.rpId()).isEqualTo("localhost");
        assertThat(config.clients()).isEqualTo(8);
        assertThat(config.iterations()).isEqualTo(10);
        assertThat(config.requests()).isEqualTo(1000);
        assertThat(config.out()).isEqualTo(Path.of("bench/target/report.json"));
    }

    @Test
    void theOriginOfAUrlWithoutAPortHasNoneAndExplicitOptionsWin() {
        Config derived = Config.parse(List.of("--admin-key", "k", "--url", "https://bank.example/base/"), Map.of());
        Config explicit = Config.parse(List.of("--admin-key", "k", "--url", "https://bank.example",
                "--origin", "https://login.bank.example", "--rp-id", "bank.example", "--tenant", "acme",
                "--clients", "3", "--iterations", "4", "--out", "x.json"), Map.of());

        assertThat(derived.origin()).isEqualTo("https://bank.example");
        assertThat(derived.rpId()).isEqualTo("bank.example");
        assertThat(derived.baseUrl()).isEqualTo("https://bank.example/base");
        assertThat(explicit.origin()).isEqualTo("https://login.bank.example");
        assertThat(explicit.tenant()).isEqualTo("acme");
        assertThat(explicit.tenantPath("/customers")).isEqualTo("/v1/tenants/acme/customers");
        assertThat(explicit.clients()).isEqualTo(3);
        assertThat(explicit.iterations()).isEqualTo(4);
        assertThat(explicit.out()).isEqualTo(Path.of("x.json"));
    }

    @Test
    void theAdminKeyFallsBackToTheEnvironmentAndIsNeverPrinted() {
        Map<String, String> env = Map.of("BIOMETRIC_ADMIN_API_KEY", "from-env");

        assertThat(Config.parse(List.of(), env).adminKey()).isEqualTo("from-env");
        Config given = Config.parse(List.of("--admin-key", "s3cret-admin"), env);
        assertThat(given.adminKey()).isEqualTo("s3cret-admin");
        assertThat(given.toString()).doesNotContain("s3cret-admin").doesNotContain("from-env");
    }

    @Test
    void fractionalSecondsAreRoundedToTheMillisecond() {
        Config config = Config.parse(List.of("--scenario", "signin", "--customers", "5", "--warmup", "0.0004",
                "--duration", "2.0006"), Map.of());

        assertThat(config.signIn().warmup()).isEqualTo(Duration.ZERO);
        assertThat(config.signIn().duration()).isEqualTo(Duration.ofMillis(2001));
    }

    @Test
    void refusesMalformedCommandLines() {
        assertThatThrownBy(() -> Config.parse(List.of("--admin-key", "k", "stray"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unexpected argument stray");
        assertThatThrownBy(() -> Config.parse(List.of("--admin-key", "k", "--colour", "red"), Map.of()))
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> Config.parse(List.of("--admin-key"), Map.of()))
                .hasMessage("--admin-key needs a value");
        assertThatThrownBy(() -> Config.parse(List.of("--admin-key", "k", "--clients", "eight"), Map.of()))
                .hasMessage("--clients must be a number: eight");
        assertThatThrownBy(() -> Config.parse(List.of("--admin-key", "k", "--clients", "0"), Map.of()))
                .hasMessageContaining("--clients");
        assertThatThrownBy(() -> Config.parse(List.of("--admin-key", "k", "--url", "ftp://bank.example"), Map.of()))
                .hasMessageContaining("--url");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "signin", "--customers", "5", "--warmup",
                "soon"), Map.of())).hasMessage("--warmup must be a number of seconds: soon");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "signin", "--customers", "5", "--warmup",
                "-1"), Map.of())).hasMessageContaining("--warmup");
        assertThatThrownBy(() -> Config.parse(List.of("--scenario", "signin", "--customers", "0"), Map.of()))
                .hasMessageContaining("--customers");
    }

    @Test
    void theChartsGoBesideTheJson() {
        assertThat(LoadGenerator.chartsFile(Path.of("bench/target/signin.json")))
                .isEqualTo(Path.of("bench/target/signin.html"));
    }
}
