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
    /**
     * A credential's signature counter went backwards: it is blocked as a suspected clone and the
     * sessions it opened ended. The subject is the customer's id; data: {@code deviceId}, {@code aaguid},
     * {@code reason} ({@code counter_regression}).
     */
    CREDENTIAL_SUSPECTED_CLONE,
    /**
     * A registration added a passkey, and its device, to the customer. The subject is the customer's
     * id; data: {@code deviceId}, {@code name} (as the customer's device list shows it), {@code aaguid}.
     */
    DEVICE_ADDED,
    /**
     * Every live session of the customer was ended at once (signed out everywhere, by the bank, or the
     * customer deleted). The subject is the customer's id; data: {@code reason} (the sessions'
     * revocation reason), {@code count}.
     */
    SESSIONS_REVOKED,
    /** A test delivery an administrator asked for, to check the receiver and its signature check. */
    WEBHOOK_TEST;

    /** {@code transaction.approved}: the first underscore separates the subject from what happened. */
    public String wireName() {
        String lower = name().toLowerCase(Locale.ROOT);
        int split = lower.indexOf('_');
        return lower.substring(0, split) + "." + lower.substring(split + 1);
    }
}
