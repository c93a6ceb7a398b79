/**
 * CORS for the client API (ADR 0029): a route marked {@link io.biometriccore.shared.ClientApi} answers
 * cross-origin requests and preflights from the web origins among its tenant's {@code allowedOrigins},
 * exactly, without credentials; every other route answers none, and a preflight that is not allowed is
 * refused with {@code 403 cors_not_allowed}.
 */
@NullMarked
package io.biometriccore.cors;

import org.jspecify.annotations.NullMarked;
