package io.biometriccore.keys;

/** A signing key's place in its lifecycle. */
public enum KeyStatus {
    /** Signs new tokens. One per tenant and purpose. */
    ACTIVE,
    /** Signs nothing new; still verifies until its {@code publishedUntil}. */
    RETIRED
}
