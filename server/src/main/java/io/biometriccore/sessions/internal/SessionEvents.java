package io.biometriccore.sessions.internal;

import io.biometriccore.sessions.Session;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;

/** The audit event of something that happened to a session, naming its customer, device and channel. */
final class SessionEvents {

    private SessionEvents() {
    }

    static SecurityEvent.Builder of(Session session, SecurityEventType type) {
        return SecurityEvent.success(session.tenantId(), type).customer(session.customerId())
                .device(session.deviceId()).session(session.id()).channel(session.channel().wireName());
    }
}
