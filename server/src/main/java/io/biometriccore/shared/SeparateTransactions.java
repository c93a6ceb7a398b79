package io.biometriccore.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what must stay when the action that caused it fails (a failure's audit event, a refusal's
 * recorded decision) in a transaction of its own, and never nested in the failing one: a nested
 * transaction would take a second connection while the first is held, and enough concurrent failures
 * would exhaust the pool with every request waiting for its second connection. Inside a transaction
 * the work runs once that transaction has ended and released its connection, on a virtual thread of
 * its own; outside one, at once.
 */
@Component
public class SeparateTransactions {

    private static final Logger log = LoggerFactory.getLogger(SeparateTransactions.class);

    private final TransactionTemplate separate;

    SeparateTransactions(PlatformTransactionManager transactions) {
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * @param what names the work in the log if it fails; a failure is logged, never thrown, since the
     *             request already fails with its own problem
     */
    public void run(String what, Runnable work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    Thread.ofVirtual().name("separate-transaction").start(() -> runNow(what, work));
                }
            });
        } else {
            runNow(what, work);
        }
    }

    private void runNow(String what, Runnable work) {
        try {
            separate.executeWithoutResult(status -> work.run());
        } catch (RuntimeException e) {
            log.error("{} could not be written", what, e);
        }
    }
}
