package io.biometriccore.signing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The bank backend's transaction operations for a module that plays the bank in this process (the
 * demo): the same registration as {@code POST /transactions} (validated, audited, told to the
 * webhook) and the evidence bundle of {@code GET /transactions/{id}/evidence}, limited to one
 * customer's own transactions.
 */
public interface BankTransactions {

    /**
     * A payment as the bank registers it. The members are as they came (they may be missing): the
     * registration checks each as {@code POST /transactions} does, naming the one at fault.
     *
     * @param value    a decimal string with the currency's minor units, e.g. {@code 1250.00}
     * @param currency ISO 4217
     */
    record Payment(UUID customerId, @Nullable String value, @Nullable String currency, @Nullable String payeeName,
            @Nullable String payeeAccount, @Nullable String text) {

        public Payment {
            Objects.requireNonNull(customerId, "customerId");
        }
    }

    /**
     * A registered transaction: pending until its customer approves or declines it, or it expires.
     *
     * @param hash base64url SHA-256 of the canonical transaction
     */
    record Registered(UUID id, String hash, Instant expiresAt) {

        public Registered {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** @throws io.biometriccore.shared.ApiException {@code transaction_invalid} naming the member, {@code customer_not_found} */
    Registered registerPayment(String tenantId, Payment payment);

    /**
     * The evidence bundle of a transaction of {@code customerId}; another customer's is not found,
     * exactly like an unknown id.
     *
     * @throws io.biometriccore.shared.ApiException {@code transaction_not_found}, {@code evidence_not_available}
     */
    JsonNode evidenceBundle(String tenantId, UUID customerId, UUID transactionId);
}
