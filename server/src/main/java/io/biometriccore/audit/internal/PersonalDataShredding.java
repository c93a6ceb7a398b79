package io.biometriccore.audit.internal;

import io.biometriccore.identity.CustomerDeleted;
import io.biometriccore.tenancy.RetentionPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Crypto-shredding. Deleting a customer destroys every data key of theirs in the deleting
 * transaction; a daily job destroys the keys whose retention period has passed (network fields by
 * the tenant's {@code networkFields}, other personal fields by their event class's period). The events
 * and the Merkle tree are never touched; the fields just cannot be read any more.
 */
@Component
class PersonalDataShredding {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataShredding.class);

    private final DataKeys dataKeys;
    private final Tenants tenants;
    private final Clock clock;
    private final TransactionTemplate transaction;

    PersonalDataShredding(DataKeys dataKeys, Tenants tenants, Clock clock, TransactionTemplate transaction) {
        this.dataKeys = dataKeys;
        this.tenants = tenants;
        this.clock = clock;
        this.transaction = transaction;
    }

    @EventListener
    void on(CustomerDeleted deleted) {
        dataKeys.destroyScope(deleted.tenantId(), DataKeys.scope(deleted.customerId()));
    }

    /** Each tenant in a transaction of its own: one tenant's failure never holds up another's shredding. */
    @Scheduled(cron = "${biometric.audit.retention-cron:0 15 3 * * *}", zone = "UTC")
    public void shredExpired() {
        for (Tenant tenant : tenants.list()) {
            try {
                transaction.executeWithoutResult(status -> shredExpired(tenant));
            } catch (RuntimeException e) {
                log.error("Shredding expired audit fields of tenant {} failed; it is retried on the next run",
                        tenant.id(), e);
            }
        }
    }

    private void shredExpired(Tenant tenant) {
        Instant now = clock.instant();
        RetentionPolicy retention = tenant.retention();
        int destroyed = dataKeys.destroyExpired(tenant.id(), "network",
                now.atOffset(ZoneOffset.UTC).minus(retention.networkFields()).toInstant());
        for (String eventClass : dataKeys.personalPurposes(tenant.id())) {
            destroyed += dataKeys.destroyExpired(tenant.id(), "personal:" + eventClass,
                    now.atOffset(ZoneOffset.UTC).minus(retention.personalFieldsOf(eventClass)).toInstant());
        }
        if (destroyed > 0) {
            log.info("Retention destroyed {} audit data keys of tenant {}", destroyed, tenant.id());
        }
    }
}
