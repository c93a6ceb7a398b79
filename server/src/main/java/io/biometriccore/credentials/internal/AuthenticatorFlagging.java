package io.biometriccore.credentials.internal;

import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.metadata.MetadataBlobLoaded;
import io.biometriccore.metadata.MetadataBlobLoaded.StatusChange;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.BankNotification;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retroactive flagging (docs/mds.md, ADR 0040). When a BLOB comes into force, every model whose latest
 * status newly falls in a tenant's {@code statusDeny} gets a job for that tenant, in the transaction that
 * stores the BLOB. Off the request path, the jobs flag the model's credentials in batches by credential
 * id, each batch a transaction of its own that audits each flag ({@code credential.flagged}, the status
 * as the reason) and records how far it got; the last batch tells the bank once, with
 * {@code authenticator.flagged}.
 */
@Component
class AuthenticatorFlagging {

    static final int BATCH = 200;

    private final Tenants tenants;
    private final AuthenticatorInventory inventory;
    private final FlaggingJobs jobs;
    private final CredentialRepository credentials;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AuthenticatorFlagging(Tenants tenants, AuthenticatorInventory inventory, FlaggingJobs jobs,
            CredentialRepository credentials, TransactionTemplate transaction, ApplicationEventPublisher events,
            Clock clock) {
        this.tenants = tenants;
        this.inventory = inventory;
        this.jobs = jobs;
        this.credentials = credentials;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(MetadataBlobLoaded loaded) {
        Instant now = clock.instant();
        List<Tenant> all = tenants.list();
        for (StatusChange change : loaded.changes()) {
            String current = change.current();
            if (current == null) {
                continue;
            }
            for (Tenant tenant : all) {
                if (newlyDenied(tenant.policy().statusDeny(), change.previous(), current)
                        && inventory.inUse(tenant.id(), change.aaguid())) {
                    jobs.create(tenant.id(), change.aaguid(), loaded.no(), current, now);
                }
            }
        }
    }

    static boolean newlyDenied(Set<String> deny, @Nullable String previous, String current) {
        return deny.contains(current) && (previous == null || !deny.contains(previous));
    }

    /** Works off every pending job; @return how many batches ran */
    @Scheduled(fixedDelayString = "${biometric.mds.flagging-interval:PT30S}")
    int runDue() {
        int batches = 0;
        while (runBatch()) {
            batches++;
        }
        return batches;
    }

    /** One batch in a transaction of its own, its progress committed with its flags; @return false when none is pending */
    boolean runBatch() {
        return Boolean.TRUE.equals(transaction.execute(status -> nextBatch()));
    }

    /** One batch of the oldest pending job; @return false when no job is pending */
    private boolean nextBatch() {
        return jobs.lockNextPending().map(job -> {
            Instant now = clock.instant();
            List<CredentialRepository.ModelCredential> batch =
                    credentials.modelBatch(job.tenantId(), job.aaguid(), job.after(), BATCH);
            long flagged = job.flagged();
            for (CredentialRepository.ModelCredential c : batch) {
                if (c.status() != CredentialStatus.REVOKED && !c.flagged()
                        && credentials.flag(job.tenantId(), c.credentialId(), job.status(), now)) {
                    flagged++;
                    events.publishEvent(SecurityEvent.success(job.tenantId(), SecurityEventType.CREDENTIAL_FLAGGED)
                            .customer(c.customerId()).device(c.deviceId())
                            .credential(Base64Url.encode(c.credentialId())).reason(job.status()).build());
                }
            }
            byte[] after = batch.isEmpty() ? job.after() : batch.getLast().credentialId();
            jobs.advance(job, after, flagged);
            if (batch.size() < BATCH) {
                jobs.done(job, now);
                events.publishEvent(new BankNotification(job.tenantId(), BankNotificationType.AUTHENTICATOR_FLAGGED,
                        job.aaguid().toString(), Map.of("status", job.status(), "count", flagged)));
            }
            return true;
        }).orElse(false);
    }
}
