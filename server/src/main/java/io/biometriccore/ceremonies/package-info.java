/**
 * The WebAuthn ceremonies: registration (WebAuthn L3 §7.1) and authentication (§7.2), their
 * single-use challenges, and the client API. Verification is delegated to webauthn4j with every
 * attestation statement verifier in place; the steps here add what it does not do: tenant origins,
 * user binding, counter policy, attestation policy and the risk decision.
 */
@NullMarked
package io.biometriccore.ceremonies;

import org.jspecify.annotations.NullMarked;
