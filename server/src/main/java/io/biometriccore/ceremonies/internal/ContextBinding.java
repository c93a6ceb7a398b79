package io.biometriccore.ceremonies.internal;

import io.biometriccore.risk.BankContext;

/**
 * The bank's context of a ceremony, when it names a customer ({@code sub}), is for the customer that
 * finishes it: a context issued for one customer cannot lend its signed facts to another's sign-in.
 * Checked at the finish, since a usernameless sign-in learns its customer only then.
 */
final class ContextBinding {

    private ContextBinding() {
    }

    /** @throws io.biometriccore.shared.ApiException {@code context_subject_mismatch} */
    static void verify(PendingCeremony ceremony, String username) {
        BankContext bank = ceremony.context().bankContext();
        if (bank != null) {
            bank.requireSubject(username);
        }
    }
}
