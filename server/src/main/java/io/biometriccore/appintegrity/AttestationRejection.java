package io.biometriccore.appintegrity;

import java.util.Locale;

/**
 * Why an app attestation or assertion was refused. The {@link #code()}s are public contract: the routes
 * that take attestations answer them as problem codes of the same names.
 */
public enum AttestationRejection {
    /** A signature does not verify, or the object is internally inconsistent (key id, nonce placement). */
    ATTESTATION_TAMPERED,
    /** Not decodable: bad CBOR or DER, a missing field or extension. */
    ATTESTATION_MALFORMED,
    /** The App Attest app id, or the Android package name or signing certificate digests, are not the app's. */
    APP_ID_MISMATCH,
    /** The object does not bind the challenge the server issued. */
    CHALLENGE_MISMATCH,
    /** An App Attest assertion counter that is not greater than the stored one: a replay or a cloned key. */
    COUNTER_NOT_INCREASING,
    /** Android's verified boot state is not {@code VERIFIED}, or the bootloader is unlocked. */
    BOOT_STATE_UNVERIFIED,
    /** A certificate of the chain is revoked or suspended in the attestation status list. */
    CERTIFICATE_REVOKED,
    /** The key lives at a lower security level than the caller demands (software where hardware is required). */
    SECURITY_LEVEL_TOO_LOW,
    /** The chain does not end at a configured trust anchor, or a certificate is outside its validity. */
    CHAIN_UNTRUSTED,
    /** An App Attest development-environment key for an app that accepts only production. */
    ENVIRONMENT_NOT_ACCEPTED;

    /** The stable wire name, e.g. {@code challenge_mismatch}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
