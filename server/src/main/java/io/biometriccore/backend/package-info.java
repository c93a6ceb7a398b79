/**
 * The bank backend API ({@code /v1/tenants/{tenantId}/customers/...}, {@code .../sessions/...},
 * {@code .../introspect}): customers, enrollment grants, devices and sessions, for the bank's own
 * servers. Every call needs a tenant API key with the scope the endpoint names; keys are created
 * through the admin API, shown once, and stored as hashes.
 */
@NullMarked
package io.biometriccore.backend;

import org.jspecify.annotations.NullMarked;
