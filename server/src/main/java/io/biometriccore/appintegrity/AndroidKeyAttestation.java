package io.biometriccore.appintegrity;

import java.util.List;

/**
 * Android key attestation verification, offline
 * (https://developer.android.com/privacy-and-security/security-key-attestation): the certificate chain to
 * the configured hardware attestation roots, revocation against the deployment's status list, and the
 * KeyDescription extension (OID 1.3.6.1.4.1.11129.2.1.17) of the leaf.
 */
public interface AndroidKeyAttestation {

    /**
     * Verifies an attestation certificate chain.
     *
     * @param certificateChain DER certificates, the attested key's first, the root last
     * @param challenge        the single-use challenge the server issued, as the app set it as attestation challenge
     * @param minimum          the lowest security level accepted, for the attestation and for KeyMint alike;
     *                         {@link SecurityLevel#TEE} unless the caller allows software keys
     */
    Verification<VerifiedPosture> verify(AndroidApp app, List<byte[]> certificateChain, byte[] challenge,
            SecurityLevel minimum);
}
