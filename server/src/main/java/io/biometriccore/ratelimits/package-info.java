/**
 * Rate limits on the anonymous routes (ADR 0024): token buckets per client address, per username and
 * per tenant, sized by each tenant's {@link io.biometriccore.tenancy.RateLimits}, kept in memory for one
 * node or in Redis for several ({@code biometric.rate-limits.store}). Request ceilings count every
 * request to an anonymous route; failure limits count only failed security events, so successful
 * sign-ins are never throttled by them. A refusal is {@code 429 rate_limited} with {@code Retry-After}.
 * The module's API is {@link io.biometriccore.ratelimits.UsernameFailures}, for the sign-in ceremony, and
 * {@link io.biometriccore.ratelimits.Velocity}, the risk engine's sliding-window counts in the same store.
 */
@NullMarked
package io.biometriccore.ratelimits;

import org.jspecify.annotations.NullMarked;
