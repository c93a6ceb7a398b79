/**
 * The WebAuthn ceremonies: registration (WebAuthn L3 §7.1) and authentication (§7.2), their
 * single-use challenges, and the client API. Each ceremony is one ordered list of the spec's
 * numbered steps ({@code internal/RegistrationSteps}, {@code internal/AssertionSteps}); a step
 * delegates its check to webauthn4j where it has one, and the steps of ours add what it does not
 * do: user binding, counter policy, attestation policy, enrollment and the risk decision.
 */
@NullMarked
package io.biometriccore.ceremonies;

import org.jspecify.annotations.NullMarked;
