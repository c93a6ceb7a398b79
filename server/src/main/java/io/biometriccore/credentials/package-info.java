/**
 * Credentials (public keys registered through WebAuthn) and the devices they live on, with their
 * status and lifecycle. No biometric data ever reaches this module: only public keys and
 * authenticator metadata.
 */
@NullMarked
package io.biometriccore.credentials;

import org.jspecify.annotations.NullMarked;
