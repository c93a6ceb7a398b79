package io.biometriccore.sessions.internal;

import io.biometriccore.credentials.DeviceDisabled;
import io.biometriccore.identity.CustomerDeleted;
import io.biometriccore.sessions.Sessions;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Sessions end with their device or customer, in the same transaction as the change itself. */
@Component
class SessionTermination {

    private final Sessions sessions;

    SessionTermination(Sessions sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void on(DeviceDisabled disabled) {
        sessions.revokeForDevice(disabled.tenantId(), disabled.deviceId(),
                "device_" + disabled.status().name().toLowerCase(Locale.ROOT));
    }

    @EventListener
    void on(CustomerDeleted deleted) {
        sessions.revokeForCustomer(deleted.tenantId(), deleted.customerId(), "customer_deleted");
    }
}
