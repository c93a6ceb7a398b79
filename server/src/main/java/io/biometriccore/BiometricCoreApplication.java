package io.biometriccore;

import io.biometriccore.seeding.SeedCommand;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Biometric Core: a multi-tenant FIDO2/WebAuthn relying party for banks.
 * Each top-level package below this one is a Spring Modulith module; see docs/architecture.md.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "shared")
public class BiometricCoreApplication {

    public static void main(String[] args) {
        if (SeedCommand.requested(args, System.getenv())) {
            System.exit(seed(args));
        }
        SpringApplication.run(BiometricCoreApplication.class, args);
    }

    /**
     * The seeding command ({@code io.biometriccore.seeding}): the application without its web layer,
     * which seeds while it starts and then stops; answers the exit status.
     *
     * @throws RuntimeException when seeding fails (the application does not start)
     */
    public static int seed(String... args) {
        var application = new SpringApplication(BiometricCoreApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // The command seals its events itself once they are written; the scheduled sealer would only compete.
        // It answers no sign-in options, so it needs no decoy secret.
        application.setDefaultProperties(Map.of("biometric.audit.seal-interval", "PT24H",
                "biometric.enumeration-protection.generate-if-missing", "true"));
        return SpringApplication.exit(application.run(args));
    }
}
