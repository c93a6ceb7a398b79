/**
 * Per-tenant signing keys: their lifecycle (active, retired, published while tokens signed with them
 * may still be live) and the {@link io.biometriccore.keys.KeyProvider} that holds the private halves.
 * The default provider is a PKCS#12 keystore on disk; an HSM provider implements the same interface.
 */
@NullMarked
package io.biometriccore.keys;

import org.jspecify.annotations.NullMarked;
