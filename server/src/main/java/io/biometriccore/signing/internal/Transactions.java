package io.biometriccore.signing.internal;

import io.biometriccore.identity.Customer;
import io.biometriccore.identity.Customers;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.BankNotification;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.signing.TransactionProblem;
import io.biometriccore.signing.internal.TransactionRepository.Status;
import io.biometriccore.signing.internal.TransactionRepository.Stored;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bank's side of a transaction: it registers one for a customer (its canonical form hashed and
 * stored verbatim, with the {@code spc} member when the customer may approve it with Secure Payment
 * Confirmation), looks it up, cancels it while it is pending. Each outcome is audited and told to
 * the bank's webhook in the action's transaction.
 */
@Service
class Transactions {

    private final TransactionRepository repository;
    private final Customers customers;
    private final Tenants tenants;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Transactions(TransactionRepository repository, Customers customers, Tenants tenants, Clock clock,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.customers = customers;
        this.tenants = tenants;
        this.clock = clock;
        this.events = events;
    }

    /** @throws ApiException {@code transaction_invalid} naming the member, {@code customer_not_found} */
    @Transactional
    TransactionView register(String tenantId, TransactionRequest request) {
        TransactionRequest.Valid valid = request.validate(tenants.require(tenantId).signing());
        Customer customer = customers.require(tenantId, valid.customerId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        UUID id = UUID.randomUUID();
        Instant expiresAt = now.plus(valid.expiresIn()).truncatedTo(ChronoUnit.MILLIS);
        byte[] canonical = CanonicalJson.bytes(canonical(tenantId, id, customer, valid, now, expiresAt));
        Stored stored = new Stored(tenantId, id, customer.id(), valid.type().wireName(), valid.amount().currency(),
                valid.amount().minor(), canonical, CanonicalJson.sha256Base64Url(canonical), Status.PENDING, now,
                expiresAt, null, null, null, null);
        repository.insert(stored);
        outcome(stored, SecurityEventType.TRANSACTION_REGISTERED, BankNotificationType.TRANSACTION_CREATED, now);
        return TransactionView.of(stored, now);
    }

    /** @throws ApiException {@code transaction_not_found} */
    @Transactional(readOnly = true)
    TransactionView view(String tenantId, UUID id) {
        return TransactionView.of(find(tenantId, id), clock.instant());
    }

    /** @throws ApiException {@code transaction_not_found}, {@code transaction_not_pending}, {@code transaction_expired} */
    @Transactional
    TransactionView cancel(String tenantId, UUID id) {
        Stored stored = find(tenantId, id);
        Instant now = clock.instant();
        if (!repository.decide(tenantId, id, Status.CANCELLED, now)) {
            throw notPending(stored, now);
        }
        outcome(stored, SecurityEventType.TRANSACTION_CANCELLED, BankNotificationType.TRANSACTION_CANCELLED, now);
        return TransactionView.of(find(tenantId, id), now);
    }

    Stored find(String tenantId, UUID id) {
        return repository.find(tenantId, id)
                .orElseThrow(() -> new ApiException(TransactionProblem.TRANSACTION_NOT_FOUND));
    }

    /** Why a transaction that was pending when read could not be decided: its state now. */
    ApiException notPending(Stored read, Instant now) {
        Status status = repository.find(read.tenantId(), read.id()).map(t -> t.statusAt(now)).orElse(Status.EXPIRED);
        if (status == Status.EXPIRED) {
            return new ApiException(TransactionProblem.TRANSACTION_EXPIRED);
        }
        return new ApiException(TransactionProblem.TRANSACTION_NOT_PENDING, "The transaction is " + status.wireName());
    }

    /** @throws ApiException {@code transaction_not_pending} or {@code transaction_expired} unless it is pending */
    void requirePending(Stored stored, Instant now) {
        if (stored.statusAt(now) != Status.PENDING) {
            throw notPending(stored, now);
        }
    }

    /** The outcome's audit event and bank notification, in the action's transaction. */
    void outcome(Stored t, SecurityEventType type, BankNotificationType notification, Instant at) {
        events.publishEvent(SecurityEvent.success(t.tenantId(), type).customer(t.customerId())
                .reason(t.id().toString()).build());
        notify(t, notification, at);
    }

    void notify(Stored t, BankNotificationType notification, Instant at) {
        events.publishEvent(new BankNotification(t.tenantId(), notification, t.id().toString(),
                Map.of("transactionId", t.id().toString(), "customerId", t.customerId().toString(),
                        "hash", t.hash(), "at", CanonicalJson.time(at))));
    }

    /**
     * The members that are hashed: absent optional members are left out (never null), times are RFC 3339
     * UTC with milliseconds, amounts decimal strings.
     */
    private static Map<String, Object> canonical(String tenantId, UUID id, Customer customer,
            TransactionRequest.Valid v, Instant createdAt, Instant expiresAt) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("tenantId", tenantId);
        members.put("id", id.toString());
        members.put("customer", customer.userHandle().base64Url());
        members.put("type", v.type().wireName());
        members.put("amount", v.amount().canonical());
        putIfPresent(members, "payee", v.payee());
        putIfPresent(members, "items", v.items());
        putIfPresent(members, "text", v.text());
        putIfPresent(members, "reference", v.reference());
        putIfPresent(members, "spc", v.spc());
        members.put("createdAt", CanonicalJson.time(createdAt));
        members.put("expiresAt", CanonicalJson.time(expiresAt));
        return members;
    }

    private static void putIfPresent(Map<String, Object> members, String name, @Nullable Object value) {
        if (value != null) {
            members.put(name, value);
        }
    }
}
