package io.biometriccore.shared;

import java.util.Locale;

/**
 * What a {@link BankNotification} tells. The wire name is the webhook's {@code type}; the contract
 * ({@code webhooks} in api/openapi.yaml) lists every one.
 */
public enum BankNotificationType {
    /** A transaction was registered and awaits its customer. */
    TRANSACTION_CREATED,
    /** The customer approved a transaction; its evidence can be fetched. */
    TRANSACTION_APPROVED,
    /** The customer declined a transaction. */
    TRANSACTION_DECLINED,
    /** A transaction expired before its customer acted. */
    TRANSACTION_EXPIRED,
    /** The bank cancelled a transaction. */
    TRANSACTION_CANCELLED,
    /**
     * FIDO metadata newly reports a model the tenant's customers use with a status of its statusDeny;
     * its credentials were flagged. The subject is the AAGUID; data: {@code status}, {@code count}.
     */
    AUTHENTICATOR_FLAGGED,
    /**
     * The risk engine refused an attempt. The subject is the customer id (or the tenant's id for a new
     * customer's registration); data: {@code action}, {@code reasons} (docs/risk.md).
     */
    RISK_DENIED,
    /** A test delivery an administrator asked for, to check the receiver and its signature check. */
    WEBHOOK_TEST;

    /** {@code transaction.approved}: the first underscore separates the subject from what happened. */
    public String wireName() {
        String lower = name().toLowerCase(Locale.ROOT);
        int split = lower.indexOf('_');
        return lower.substring(0, split) + "." + lower.substring(split + 1);
    }
}
