/**
 * Tenants: one per bank. A tenant owns its relying-party settings (RP id, allowed origins) and its
 * WebAuthn policy. The root package is the module's API: {@link io.biometriccore.tenancy.Tenants}.
 */
@NullMarked
package io.biometriccore.tenancy;

import org.jspecify.annotations.NullMarked;
