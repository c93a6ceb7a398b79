package io.biometriccore;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module boundaries of docs/architecture: no module reaches into another's internals, and no cycles. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(BiometricCoreApplication.class);

    @Test
    void moduleBoundariesHold() {
        modules.verify();
    }
}
