package io.biometriccore.signing.internal;

import io.biometriccore.shared.ApiException;
import io.biometriccore.signing.BankTransactions;
import io.biometriccore.signing.TransactionProblem;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** {@link BankTransactions} through the very services behind the bank backend's transaction routes. */
@Service
class InProcessBank implements BankTransactions {

    private final Transactions transactions;
    private final EvidenceBundles bundles;

    InProcessBank(Transactions transactions, EvidenceBundles bundles) {
        this.transactions = transactions;
        this.bundles = bundles;
    }

    @Override
    public Registered registerPayment(String tenantId, Payment payment) {
        TransactionRequest request = new TransactionRequest(payment.customerId(),
                TransactionRequest.Type.PAYMENT.wireName(), new Money.Amount(payment.value(), payment.currency()),
                new TransactionRequest.Payee(payment.payeeName(), payment.payeeAccount()), null, payment.text(), null,
                null);
        TransactionView view = transactions.register(tenantId, request);
        return new Registered(view.id(), view.hash(), view.expiresAt());
    }

    @Override
    @Transactional(readOnly = true)
    public JsonNode evidenceBundle(String tenantId, UUID customerId, UUID transactionId) {
        if (!transactions.find(tenantId, transactionId).customerId().equals(customerId)) {
            throw new ApiException(TransactionProblem.TRANSACTION_NOT_FOUND);
        }
        return bundles.bundle(tenantId, transactionId);
    }
}
