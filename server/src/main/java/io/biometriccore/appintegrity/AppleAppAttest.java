package io.biometriccore.appintegrity;

/**
 * Apple App Attest (DeviceCheck) verification, offline: attestations against the configured App Attest
 * root, assertions against the key an attestation proved. See Apple's "Validating apps that connect to
 * your server" (https://developer.apple.com/documentation/devicecheck/validating-apps-that-connect-to-your-server).
 */
public interface AppleAppAttest {

    /**
     * Verifies an attestation of a new key (Apple's steps 1 to 9): the certificate chain to the App Attest
     * root, the nonce over the authenticator data and {@code SHA-256(challenge)}, the key id, the app id's
     * RP ID hash, a zero counter and the environment the app accepts.
     *
     * @param keyId             the key identifier the app sent, raw bytes
     * @param attestationObject the CBOR attestation object
     * @param challenge         the single-use challenge the server issued; the app attests over its SHA-256
     */
    Verification<AppAttested> verifyAttestation(AppleApp app, byte[] keyId, byte[] attestationObject, byte[] challenge);

    /**
     * Verifies an assertion of an attested key (Apple's assertion steps 1 to 5): the signature over the
     * authenticator data and {@code SHA-256(clientData)}, the app id's RP ID hash and a counter greater
     * than {@code storedCounter}. A success carries the new counter, which the caller stores.
     *
     * @param clientData the bytes the app hashed into the assertion: its request, with the server's challenge
     */
    Verification<Long> verifyAssertion(AppleApp app, AppAttestKey key, long storedCounter, byte[] assertion,
            byte[] clientData);
}
