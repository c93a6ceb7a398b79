/**
 * Sessions and tokens: a session starts when a customer signs in, carries an assurance level
 * ({@code acr}) and ends by idle timeout, absolute lifetime or revocation. Access tokens are ES256
 * JWTs verifiable offline against the tenant's JWKS; refresh tokens are opaque, rotate on every use,
 * and a reused one revokes its session (OAuth 2.0 Security BCP §4.14).
 */
@NullMarked
package io.biometriccore.sessions;

import org.jspecify.annotations.NullMarked;
