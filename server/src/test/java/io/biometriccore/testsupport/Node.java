package io.biometriccore.testsupport;

import io.biometriccore.BiometricCoreApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One more server node, for tests of several nodes sharing a database (and a Redis): the whole
 * application on a random port, with the integration tests' settings and the test's own.
 *
 * @param context the node's application context; the test closes it
 * @param api     a client of the node
 */
public record Node(ConfigurableApplicationContext context, ApiClient api) {

    /**
     * Starts a node on the database at {@code url} and the keystore {@code keys}, with {@code settings}
     * ({@code --name=value}) over the others. Command-line arguments, so that they win over
     * application.yml as a node's environment would.
     */
    public static Node start(String url, String keys, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresSchema.USER,
                "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=3",
                "--biometric.keys.directory=" + keys,
                "--biometric.admin.api-key=" + PostgresIntegrationTest.ADMIN_KEY,
                "--biometric.enumeration-protection.secret=integration-test-secret",
                "--biometric.keys.keystore-password=integration-test-keystore",
                "--biometric.public-url=https://auth.bank.example"));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BiometricCoreApplication.class)
                .run(arguments.toArray(String[]::new));
        return new Node(context, new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort()));
    }
}
