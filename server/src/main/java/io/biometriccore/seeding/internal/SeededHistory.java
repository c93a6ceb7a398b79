package io.biometriccore.seeding.internal;

import io.biometriccore.audit.AuditImport;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecureRandoms;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.testkit.SeededCustomers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit history of seeded customers: sign-ins by customers picked at random, each the two events
 * a real one writes ({@code authentication.succeeded}, then {@code token.issued} for a web session at
 * {@code aal2}), with the customer as actor and their device's IP address and user agent. A batch of
 * sign-ins is one transaction; the events are sealed at the end.
 */
final class SeededHistory {

    private static final int EVENTS_PER_SIGN_IN = 2;

    private final AuditImport audit;
    private final TransactionTemplate transaction;
    private final SeededCustomers customers;
    private final String tenantId;
    private final long customerCount;
    private final int batchSize;
    private final SplittableRandom random;

    SeededHistory(AuditImport audit, TransactionTemplate transaction, SeededCustomers customers, String tenantId,
            long customerCount, long seed, int batchSize) {
        this.audit = audit;
        this.transaction = transaction;
        this.customers = customers;
        this.tenantId = tenantId;
        this.customerCount = customerCount;
        this.batchSize = batchSize;
        this.random = new SplittableRandom(seed);
    }

    /** Writes {@code count} events; answers how many events the sealer then sealed. */
    long write(long count, Progress progress) {
        for (long done = 0; done < count; ) {
            long events = Math.min(batchSize, count - done);
            transaction.executeWithoutResult(status -> signIns(events));
            done += events;
            progress.advance(events);
        }
        return audit.sealPending(tenantId);
    }

    /** One batch of sign-ins, appended in one call, each event with its own sign-in's request context. */
    private void signIns(long events) {
        List<AuditImport.Imported> batch = new ArrayList<>((int) events);
        for (long written = 0; written < events; written += EVENTS_PER_SIGN_IN) {
            long customer = random.nextLong(customerCount);
            RequestContext.Snapshot context = context(customer);
            signIn(customer).subList(0, (int) Math.min(EVENTS_PER_SIGN_IN, events - written))
                    .forEach(event -> batch.add(new AuditImport.Imported(event, context)));
        }
        audit.append(batch);
    }

    private List<SecurityEvent> signIn(long index) {
        UUID customerId = customers.customerId(index);
        UUID deviceId = customers.deviceId(index);
        return List.of(
                SecurityEvent.success(tenantId, "authentication.succeeded").customer(customerId).device(deviceId)
                        .credential(Base64Url.encode(customers.credentialId(index))).reason("user_verified").build(),
                SecurityEvent.success(tenantId, "token.issued").customer(customerId).device(deviceId)
                        .session(UUID.randomUUID()).channel("web").reason("aal2").build());
    }

    private RequestContext.Snapshot context(long index) {
        return new RequestContext.Snapshot(SecureRandoms.base64Url(12), "100.64." + (index >> 8 & 0xff) + "."
                + (index & 0xff), DeviceProfile.of(index).userAgent, RequestContext.ActorType.CUSTOMER,
                customers.customerId(index).toString());
    }
}
