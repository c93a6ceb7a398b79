package io.biometriccore;

import org.springframework.boot.SpringApplication;
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
        SpringApplication.run(BiometricCoreApplication.class, args);
    }
}
