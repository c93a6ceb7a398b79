/**
 * Transaction signing (PSD2 dynamic linking, ADR 0034): the bank registers a transaction; its
 * customer approves it with a passkey assertion whose challenge is derived from the transaction's
 * canonical form, so that the approval is bound to exactly what was shown; the approval leaves
 * platform-signed evidence, bound to the audit log, that can be verified offline for years.
 */
@NullMarked
package io.biometriccore.signing;

import org.jspecify.annotations.NullMarked;
