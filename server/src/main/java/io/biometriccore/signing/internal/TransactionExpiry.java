package io.biometriccore.signing.internal;

import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pending transactions past their expiry become {@code expired}, in batches, each batch in a
 * transaction of its own with one audit event and one bank notification per transaction; nodes
 * running it at once skip each other's rows (ADR 0026). Evidence goes at the end of its retention
 * ({@link SigningPurges}).
 */
@Component
class TransactionExpiry {

    static final int BATCH = 500;

    private final TransactionRepository repository;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Transactions transactions;
    private final Clock clock;

    TransactionExpiry(TransactionRepository repository, TransactionTemplate transaction,
            ApplicationEventPublisher events, Transactions transactions, Clock clock) {
        this.repository = repository;
        this.transaction = transaction;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @return how many transactions were expired */
    @Scheduled(fixedDelayString = "${biometric.transactions.expiry-interval:PT30S}")
    int expireDue() {
        int total = 0;
        int batch;
        do {
            batch = Objects.requireNonNull(transaction.execute(status -> expireBatch(clock.instant())));
            total += batch;
        } while (batch == BATCH);
        return total;
    }

    private int expireBatch(Instant now) {
        List<TransactionRepository.Expired> expired = repository.expire(now, BATCH);
        for (TransactionRepository.Expired e : expired) {
            events.publishEvent(SecurityEvent.success(e.tenantId(), SecurityEventType.TRANSACTION_EXPIRED)
                    .customer(e.customerId()).reason(e.id().toString()).build());
            repository.find(e.tenantId(), e.id())
                    .ifPresent(t -> transactions.notify(t, BankNotificationType.TRANSACTION_EXPIRED, now));
        }
        return expired.size();
    }
}
