package io.biometriccore.sessions;

/** Why an access token was not accepted. Introspection answers only {@code active: false}. */
public enum TokenRejection {
    MALFORMED,
    /** {@code alg} other than ES256, including {@code none} and HMAC confusion. */
    ALGORITHM_NOT_ALLOWED,
    /** {@code typ} other than {@code at+jwt} (RFC 9068). */
    TYPE_NOT_ALLOWED,
    /** No {@code kid}, a {@code kid} this tenant never had, or a retired key past its grace period. */
    KEY_UNKNOWN,
    SIGNATURE_INVALID,
    ISSUER_MISMATCH,
    AUDIENCE_MISMATCH,
    EXPIRED,
    ISSUED_IN_FUTURE,
    /** {@code nbf} is still ahead. */
    NOT_YET_VALID,
    CLAIMS_MISSING,
    SESSION_INACTIVE
}
