/** The verifiers behind {@link io.biometriccore.appintegrity.AppleAppAttest} and {@link io.biometriccore.appintegrity.AndroidKeyAttestation}. */
@NullMarked
package io.biometriccore.appintegrity.internal;

import org.jspecify.annotations.NullMarked;
