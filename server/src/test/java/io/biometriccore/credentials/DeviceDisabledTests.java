package io.biometriccore.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeviceDisabledTests {

    private static final UUID CUSTOMER = UUID.randomUUID();
    private static final UUID DEVICE = UUID.randomUUID();

    @Test
    void aDeviceIsDisabledBySuspendingRevokingOrBlockingItAsASuspectedClone() {
        assertThat(new DeviceDisabled("acme", CUSTOMER, DEVICE, CredentialStatus.SUSPENDED).status())
                .isEqualTo(CredentialStatus.SUSPENDED);
        assertThat(new DeviceDisabled("acme", CUSTOMER, DEVICE, CredentialStatus.REVOKED).status())
                .isEqualTo(CredentialStatus.REVOKED);
        assertThat(new DeviceDisabled("acme", CUSTOMER, DEVICE, CredentialStatus.SUSPECTED_CLONE).status())
                .isEqualTo(CredentialStatus.SUSPECTED_CLONE);
    }

    @Test
    void anActiveDeviceDoesNotPassForADisabledOne() {
        assertThatThrownBy(() -> new DeviceDisabled("acme", CUSTOMER, DEVICE, CredentialStatus.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
