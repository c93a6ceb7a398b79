package io.biometriccore.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityEventTypeTests {

    @Test
    void everyTypeHasItsOwnWireName() {
        List<String> wireNames = Arrays.stream(SecurityEventType.values()).map(SecurityEventType::wireName).toList();

        assertThat(wireNames).doesNotHaveDuplicates();
    }

    @Test
    void everyWireNameIsAClassAndWhatItIs() {
        assertThat(SecurityEventType.values()).allSatisfy(type -> {
            assertThat(type.wireName()).matches("[a-z_]+\\.[a-z_]+");
            assertThat(type.wireName()).startsWith(type.eventClass() + ".");
        });
    }

    @Test
    void everyTypeIsFoundAgainByItsWireName() {
        assertThat(SecurityEventType.values())
                .allSatisfy(type -> assertThat(SecurityEventType.fromWire(type.wireName())).contains(type));
    }

    @Test
    void aTypeThisVersionDoesNotKnowIsNone() {
        assertThat(SecurityEventType.fromWire("device.teleported")).isEmpty();
        assertThat(SecurityEventType.fromWire("DEVICE_REVOKED")).isEmpty();
    }
}
