/**
 * Quick-start mode ({@code biometric.demo.enabled=true}): the {@code demo} tenant for
 * {@code http://localhost:<port>} and a server-rendered page that registers and signs in with the
 * browser's real WebAuthn API.
 */
@NullMarked
package io.biometriccore.demo;

import org.jspecify.annotations.NullMarked;
