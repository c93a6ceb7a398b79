package io.biometriccore.shared.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManagementPortGuardTests {

    @Test
    void refusesAManagementPortThatIsTheServerPort() {
        assertThatThrownBy(() -> new ManagementPortGuard(9090, 9090)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must differ from server.port");
    }

    @Test
    void refusesAnUnsetManagementPort() {
        assertThatThrownBy(() -> new ManagementPortGuard(8080, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsADistinctPortRandomPortsAndNoManagementServer() {
        assertThatCode(() -> new ManagementPortGuard(8080, 9090)).doesNotThrowAnyException();
        assertThatCode(() -> new ManagementPortGuard(0, 0)).doesNotThrowAnyException();
        assertThatCode(() -> new ManagementPortGuard(8080, -1)).doesNotThrowAnyException();
    }
}
