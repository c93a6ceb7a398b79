package io.biometriccore.seeding.internal;

import io.biometriccore.audit.AuditImport;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecureRandoms;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.testkit.SeededCustomers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit history of seeded customers: sign-ins by customers picked at random, each the two events
 * a real one writes ({@code authentication.succeeded}, then {@code token.issued} for a web session at
 * {@code aal2}), with the customer as actor and their device's IP address and user agent. Each writer
 * thread has its own customers and writes a batch of sign-ins per transaction; the caller seals them.
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

    /**
     * Writes {@code count} events with {@code writers} threads, each its own share in transactions of
     * its own (with a random stream split off the seed's). They are sealed later, by the caller.
     */
    void write(long count, int writers, Progress progress) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < writers; w++) {
            int writer = w;
            long share = count / writers + (w < count % writers ? 1 : 0);
            SplittableRandom stream = random.split();
            threads.add(Thread.ofPlatform().name("seed-events-" + w).start(() -> {
                try {
                    writeShare(share, new Customers(writer, writers), stream, progress);
                } catch (RuntimeException | Error e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Writing the seeded history failed", failures.getFirst());
        }
    }

    /**
     * The customers of one writer: every {@code writers}-th, from {@code writer}. No two writers touch
     * one customer, so they never wait for each other's data keys (which would deadlock).
     */
    private record Customers(int writer, int writers) {

        long pick(SplittableRandom stream, long customerCount) {
            long own = (customerCount - writer + writers - 1) / writers;
            return stream.nextLong(own) * writers + writer;
        }
    }

    private void writeShare(long count, Customers own, SplittableRandom stream, Progress progress) {
        for (long done = 0; done < count; ) {
            long events = Math.min(batchSize, count - done);
            transaction.executeWithoutResult(status -> signIns(events, own, stream));
            done += events;
            progress.advance(events);
        }
    }

    /** One batch of sign-ins, appended in one call, each event with its own sign-in's request context. */
    private void signIns(long events, Customers own, SplittableRandom stream) {
        List<AuditImport.Imported> batch = new ArrayList<>((int) events);
        for (long written = 0; written < events; written += EVENTS_PER_SIGN_IN) {
            long customer = own.pick(stream, customerCount);
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
                SecurityEvent.success(tenantId, SecurityEventType.AUTHENTICATION_SUCCEEDED).customer(customerId)
                        .device(deviceId).credential(Base64Url.encode(customers.credentialId(index)))
                        .reason("user_verified").build(),
                SecurityEvent.success(tenantId, SecurityEventType.TOKEN_ISSUED).customer(customerId).device(deviceId)
                        .session(UUID.randomUUID()).channel("web").reason("aal2").build());
    }

    private RequestContext.Snapshot context(long index) {
        return new RequestContext.Snapshot(SecureRandoms.base64Url(12), "100.64." + (index >> 8 & 0xff) + "."
                + (index & 0xff), DeviceProfile.of(index).userAgent, RequestContext.ActorType.CUSTOMER,
                customers.customerId(index).toString());
    }
}
