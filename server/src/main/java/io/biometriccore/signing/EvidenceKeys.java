package io.biometriccore.signing;

import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.PublishedKey;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenants;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's {@link KeyPurpose#EVIDENCE} keys, for administrators: listed and rotated. A retired
 * evidence key needs no grace period: it stays in {@code /evidence/jwks.json} for as long as any
 * evidence it signed is kept, however long that is (ADR 0034).
 */
@Service
public class EvidenceKeys {

    private final SigningKeys signingKeys;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;

    EvidenceKeys(SigningKeys signingKeys, Tenants tenants, ApplicationEventPublisher events) {
        this.signingKeys = signingKeys;
        this.tenants = tenants;
        this.events = events;
    }

    /** Every evidence key of the tenant, newest first, retired ones included. */
    @Transactional(readOnly = true)
    public List<PublishedKey> all(String tenantId) {
        tenants.require(tenantId);
        return signingKeys.all(tenantId, KeyPurpose.EVIDENCE);
    }

    /**
     * The active evidence key retires and a new one signs from now on; audited as
     * {@code signing_key.rotated} with the new key's id, in the rotation's transaction.
     */
    @Transactional
    public PublishedKey rotate(String tenantId) {
        tenants.require(tenantId);
        PublishedKey rotated = signingKeys.rotate(tenantId, KeyPurpose.EVIDENCE, Duration.ZERO);
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.SIGNING_KEY_ROTATED)
                .reason(rotated.kid()).build());
        return rotated;
    }
}
