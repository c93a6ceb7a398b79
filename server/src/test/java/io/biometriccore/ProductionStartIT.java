package io.biometriccore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.PostgresSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server in production mode (no profile, application.yml as shipped) refuses to start without what
 * it has no safe default for, and says what is missing.
 */
class ProductionStartIT {

    @Test
    void refusesToStartWithoutTheEnumerationProtectionSecret() throws IOException {
        List<String> args = productionArgs(0, 0);

        assertThatThrownBy(() -> start(args)).rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("biometric.enumeration-protection.secret is not set")
                .hasMessageContaining("BIOMETRIC_ENUMERATION_PROTECTION_SECRET");
    }

    @Test
    void refusesToStartWithTheManagementServerOnThePublicPort() throws IOException {
        List<String> args = productionArgs(18765, 18765);
        args.add("--biometric.enumeration-protection.secret=production-start-secret");

        assertThatThrownBy(() -> start(args)).rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("management.server.port (18765) must differ from server.port (18765)");
    }

    @Test
    void startsWithTheSecret() throws IOException {
        List<String> args = productionArgs(0, 0);
        args.add("--biometric.enumeration-protection.secret=production-start-secret");

        try (ConfigurableApplicationContext server = start(args)) {
            assertThat(server.isRunning()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(BiometricCoreApplication.class).run(args.toArray(String[]::new));
    }

    /** What a production node needs besides the secret, on a schema of its own (port 0: a random one). */
    private static List<String> productionArgs(int serverPort, int managementPort) throws IOException {
        return new ArrayList<>(List.of(
                "--server.port=" + serverPort,
                "--management.server.port=" + managementPort,
                "--spring.datasource.url=" + PostgresSchema.create(ProductionStartIT.class),
                "--spring.datasource.username=" + PostgresSchema.USER,
                "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=2",
                "--biometric.keys.directory=" + Files.createTempDirectory("production-start-keys"),
                "--biometric.admin.api-key=" + PostgresIntegrationTest.ADMIN_KEY,
                "--biometric.keys.keystore-password=integration-test-keystore",
                "--biometric.public-url=https://auth.bank.example"));
    }
}
