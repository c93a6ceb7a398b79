/**
 * Cross-channel sign-in: a browser that has no passkey asks for a sign-in, the customer approves it
 * on their phone with the phone's passkey, and the browser, which waited by polling or server-sent
 * events, claims its own session once. Both sessions appear in the customer's list with their channel.
 */
@NullMarked
package io.biometriccore.crosschannel;

import org.jspecify.annotations.NullMarked;
