package io.biometriccore.appintegrity;

import io.biometriccore.shared.ProblemCode;

/**
 * The app integrity routes' problems: each {@link AttestationRejection} under its own code, and the two
 * refusals before any verification.
 */
public enum AppIntegrityProblem implements ProblemCode {
    ATTESTATION_TAMPERED("attestation_tampered", 400, "The attestation or assertion does not verify"),
    ATTESTATION_MALFORMED("attestation_malformed", 400, "The attestation or assertion cannot be decoded"),
    APP_ID_MISMATCH("app_id_mismatch", 400, "The attestation is not of one of the tenant's apps"),
    CHALLENGE_MISMATCH("challenge_mismatch", 400, "The challenge is unknown, used or expired, or not the one attested"),
    COUNTER_NOT_INCREASING("counter_not_increasing", 400, "The assertion's counter is not greater than the last one"),
    BOOT_STATE_UNVERIFIED("boot_state_unverified", 400, "The phone's boot state is not verified, or its bootloader is unlocked"),
    CERTIFICATE_REVOKED("certificate_revoked", 400, "A certificate of the attestation is revoked"),
    SECURITY_LEVEL_TOO_LOW("security_level_too_low", 400, "The attested key is not at the security level the app demands"),
    CHAIN_UNTRUSTED("chain_untrusted", 400, "The attestation does not chain to a trusted root"),
    ENVIRONMENT_NOT_ACCEPTED("environment_not_accepted", 400, "App Attest's development environment is not accepted"),
    /** An assertion from a device with no App Attest key attested. */
    APP_ATTESTATION_MISSING("app_attestation_missing", 409, "The device has no attested App Attest key"),
    /** The access token's session was opened by another device than the one the route names. */
    SESSION_DEVICE_MISMATCH("session_device_mismatch", 403, "Only the device that opened the session can attest itself");

    private final Definition definition;

    AppIntegrityProblem(String code, int status, String title) {
        definition = new Definition(code, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }

    /** The problem of a verifier's rejection: the code of the same name. */
    public static AppIntegrityProblem of(AttestationRejection rejection) {
        return valueOf(rejection.name());
    }
}
