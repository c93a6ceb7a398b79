package io.biometriccore.sessions.internal;

import io.biometriccore.credentials.DeviceDisabled;
import io.biometriccore.identity.CustomerDeleted;
import io.biometriccore.sessions.RevocationReason;
import io.biometriccore.sessions.Sessions;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
        sessions.revokeForDevice(disabled.tenantId(), disabled.deviceId(), switch (disabled.status()) {
            case SUSPENDED -> RevocationReason.DEVICE_SUSPENDED;
            case REVOKED -> RevocationReason.DEVICE_REVOKED;
            case SUSPECTED_CLONE -> RevocationReason.DEVICE_SUSPECTED_CLONE;
            case ACTIVE -> throw new IllegalStateException("DeviceDisabled admits no "
                    + disabled.status());
        });
    }

    /** After the customer's credentials are gone (they run first), so no sign-in can slip in between. */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void on(CustomerDeleted deleted) {
        sessions.revokeForCustomer(deleted.tenantId(), deleted.customerId(), RevocationReason.CUSTOMER_DELETED);
    }
}
