/**
 * Quick-start mode ({@code biometric.demo.enabled=true}): the {@code demo} tenant for
 * {@code http://localhost:<port>} and a server-rendered page that registers and signs in with the
 * browser's real WebAuthn API, then confirms a payment: the demo plays the bank's backend, registering
 * it for the signed-in customer through {@link io.biometriccore.signing.BankTransactions}, and the page
 * approves it through the customer routes and links its evidence bundle.
 */
@NullMarked
package io.biometriccore.demo;

import org.jspecify.annotations.NullMarked;
