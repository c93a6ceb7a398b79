package io.biometriccore.keys;

/** What a key signs. Each purpose has its own keys, so one can be rotated without the other. */
public enum KeyPurpose {
    /** Access tokens (JWT, ES256). */
    TOKEN,
    /** Signed tree heads of the audit log (JWS, ES256). */
    AUDIT,
    /** Transaction approval evidence records (JWS, ES256); published while evidence they signed is kept. */
    EVIDENCE
}
