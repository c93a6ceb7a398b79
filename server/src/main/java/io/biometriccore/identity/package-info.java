/**
 * Customers of a tenant: an opaque WebAuthn user handle (never derived from the username), the name
 * they sign in with, the bank's own external id and a minimal display name.
 */
@NullMarked
package io.biometriccore.identity;

import org.jspecify.annotations.NullMarked;
