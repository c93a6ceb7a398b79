package io.biometriccore.ceremonies;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.TenancyProblem;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/** The failure events of the ceremonies. A request for a tenant that does not exist is not audited. */
final class CeremonyAudit {

    /** Credential ids are at most 1023 bytes; a longer presented id is not an id worth keeping. */
    private static final int MAX_CREDENTIAL_ID_BYTES = 1023;

    private CeremonyAudit() {
    }

    static void failed(ApplicationEventPublisher events, String tenantId, SecurityEventType type, ApiException e,
            byte @Nullable [] rawId, @Nullable UUID customerId) {
        if (e.problem() == TenancyProblem.TENANT_NOT_FOUND) {
            return;
        }
        String credentialId = rawId == null || rawId.length == 0 || rawId.length > MAX_CREDENTIAL_ID_BYTES
                ? null : Base64Url.encode(rawId);
        events.publishEvent(SecurityEvent.failure(tenantId, type, e.problem().code()).credential(credentialId)
                .customer(customerId).build());
    }
}
