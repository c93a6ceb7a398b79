package io.biometriccore.sessions.internal;

import io.biometriccore.sessions.RevocationReason;
import io.biometriccore.sessions.Session;
import io.biometriccore.shared.BankNotification;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.SecurityEventType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Ending sessions: one, a customer's, or a device's; each revocation is audited. */
@Component
public class SessionRevocation {

    private final SessionRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SessionRevocation(SessionRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /** @return false when there is no such live session */
    public boolean revoke(String tenantId, UUID sessionId, RevocationReason reason) {
        return repository.find(tenantId, sessionId).filter(s -> revoke(s, reason)).isPresent();
    }

    /** Ends every live session of the customer; when there was any, the bank is told ({@code sessions.revoked}). */
    public int revokeForCustomer(String tenantId, UUID customerId, RevocationReason reason) {
        int revoked = revokeAll(repository.unrevokedOfCustomer(tenantId, customerId), reason);
        if (revoked > 0) {
            events.publishEvent(new BankNotification(tenantId, BankNotificationType.SESSIONS_REVOKED,
                    customerId.toString(), Map.of("reason", reason.wireName(), "count", revoked)));
        }
        return revoked;
    }

    public int revokeForDevice(String tenantId, UUID deviceId, RevocationReason reason) {
        return revokeAll(repository.unrevokedOfDevice(tenantId, deviceId), reason);
    }

    private int revokeAll(List<Session> sessions, RevocationReason reason) {
        return (int) sessions.stream().filter(s -> revoke(s, reason)).count();
    }

    private boolean revoke(Session session, RevocationReason reason) {
        boolean revoked = repository.revoke(session.tenantId(), session.id(), reason, clock.instant());
        if (revoked) {
            events.publishEvent(SessionEvents.of(session, SecurityEventType.TOKEN_REVOKED).reason(reason.wireName())
                    .build());
        }
        return revoked;
    }
}
