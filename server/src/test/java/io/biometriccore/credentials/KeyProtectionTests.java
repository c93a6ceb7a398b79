package io.biometriccore.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyProtectionTests {

    @Test
    void hardwareTeeOrSecureElementAnywhereInTheListIsHardware() {
        assertThat(KeyProtection.of(Set.of("hardware"))).isEqualTo(KeyProtection.HARDWARE);
        assertThat(KeyProtection.of(Set.of("software", "tee"))).isEqualTo(KeyProtection.HARDWARE);
        assertThat(KeyProtection.of(Set.of("secure_element", "remote_handle"))).isEqualTo(KeyProtection.HARDWARE);
    }

    @Test
    void aListNamingNoneOfThemIsSoftware() {
        assertThat(KeyProtection.of(Set.of("software"))).isEqualTo(KeyProtection.SOFTWARE);
        assertThat(KeyProtection.of(Set.of("software", "remote_handle"))).isEqualTo(KeyProtection.SOFTWARE);
    }

    @Test
    void anEmptyListIsUnknown() {
        assertThat(KeyProtection.of(Set.of())).isEqualTo(KeyProtection.UNKNOWN);
    }
}
