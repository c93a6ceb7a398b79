/**
 * App integrity: proof that a request comes from the bank's genuine app on a phone that has not been
 * tampered with. {@link AppleAppAttest} verifies Apple App Attest attestations and assertions (through
 * webauthn4j-appattest) and {@link AndroidKeyAttestation} verifies Android key attestation certificate
 * chains (through BouncyCastle), both without network. A success is a {@link VerifiedPosture}, a failure
 * an {@link AttestationRejection} with a stable code. Routes, the tenant's app registry, the device record
 * and the risk signal build on this API. See docs/adr/0047-app-integrity-verification.md.
 */
@NullMarked
package io.biometriccore.appintegrity;

import org.jspecify.annotations.NullMarked;
