/**
 * The tenant event webhook: an optional HTTPS endpoint per tenant that is told every
 * {@link io.biometriccore.shared.BankNotification} (a transaction approved, declined, ...). A
 * notification is written to an outbox in the transaction of the action it tells about, and delivered
 * after the commit, HMAC-signed like the SIEM export ({@link io.biometriccore.shared.WebhookSignature}),
 * at least once, retried with backoff, and dead-lettered (kept and counted) after a maximum age. See
 * docs/webhooks.md and docs/adr/0035-tenant-webhook-outbox.md.
 */
@NullMarked
package io.biometriccore.webhooks;

import org.jspecify.annotations.NullMarked;
