/**
 * App integrity: proof that a request comes from the bank's genuine app on a phone that has not been
 * tampered with. {@link AppleAppAttest} verifies Apple App Attest attestations and assertions (through
 * webauthn4j-appattest) and {@link AndroidKeyAttestation} verifies Android key attestation certificate
 * chains (through BouncyCastle), both without network. A success is a {@link VerifiedPosture}, a failure
 * an {@link AttestationRejection} with a stable code. {@link DeviceIntegrity} keeps the device record: the
 * tenant's apps, the challenges, what a device's attestation proved and its App Attest counter; the
 * account module's routes and the risk engine use it. See docs/adr/0047-app-integrity-verification.md and
 * docs/adr/0048-app-integrity-routes-device-record-and-risk.md.
 */
@NullMarked
package io.biometriccore.appintegrity;

import org.jspecify.annotations.NullMarked;
