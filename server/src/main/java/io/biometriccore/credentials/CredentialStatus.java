package io.biometriccore.credentials;

/** Only {@link #ACTIVE} credentials may authenticate. */
public enum CredentialStatus {
    ACTIVE,
    SUSPENDED,
    REVOKED,
    /** The signature counter went backwards (§6.1.1): the authenticator may have been cloned. Only revocation follows. */
    SUSPECTED_CLONE
}
