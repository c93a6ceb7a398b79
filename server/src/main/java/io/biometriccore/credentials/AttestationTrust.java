package io.biometriccore.credentials;

/** What the attestation statement proved about the authenticator's provenance (§6.5.3 attestation types). */
public enum AttestationTrust {
    /** {@code fmt: none}: nothing is known about the authenticator. */
    NONE,
    /** Self attestation: signed by the credential key itself; proves possession only. */
    SELF,
    /** A certificate chain that ends at a configured trust anchor. */
    TRUSTED,
    /** A valid statement whose certificate chain ends at no configured trust anchor. */
    UNTRUSTED
}
