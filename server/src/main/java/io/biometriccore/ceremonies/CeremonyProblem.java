package io.biometriccore.ceremonies;

import io.biometriccore.shared.ProblemCode;

/** Why a ceremony was rejected. The codes are part of the public contract. */
public enum CeremonyProblem implements ProblemCode {
    MALFORMED_RESPONSE("malformed_response", 400, "The credential response could not be parsed"),
    TYPE_MISMATCH("type_mismatch", 400, "clientDataJSON.type is wrong for this ceremony"),
    CHALLENGE_MISMATCH("challenge_mismatch", 400, "The challenge is unknown, already used or not this ceremony's"),
    CHALLENGE_EXPIRED("challenge_expired", 400, "The challenge has expired"),
    CEREMONY_PURPOSE_MISMATCH("ceremony_purpose_mismatch", 400, "The challenge was issued for another route"),
    ORIGIN_NOT_ALLOWED("origin_not_allowed", 400, "The origin is not allowed for this tenant"),
    RP_ID_MISMATCH("rp_id_mismatch", 400, "rpIdHash does not match the tenant's RP ID"),
    USER_PRESENCE_REQUIRED("user_presence_required", 400, "The authenticator did not confirm user presence"),
    USER_VERIFICATION_REQUIRED("user_verification_required", 400, "User verification is required"),
    SIGNATURE_INVALID("signature_invalid", 400, "The signature is not valid"),
    ALGORITHM_NOT_ALLOWED("algorithm_not_allowed", 400, "The credential's algorithm was not offered"),
    BACKUP_STATE_INVALID("backup_state_invalid", 400, "The BS flag is set while BE is not"),
    BACKUP_ELIGIBILITY_CHANGED("backup_eligibility_changed", 400, "The BE flag differs from registration"),
    ATTESTATION_INVALID("attestation_invalid", 400, "The attestation statement is not valid"),
    ATTESTATION_FORMAT_UNSUPPORTED("attestation_format_unsupported", 400, "The attestation format is not supported"),
    ATTESTATION_FORMAT_NOT_ALLOWED("attestation_format_not_allowed", 400, "The tenant does not accept this attestation format"),
    ATTESTATION_NONE_NOT_ALLOWED("attestation_none_not_allowed", 400, "The tenant does not accept 'none' attestation"),
    ATTESTATION_SELF_NOT_ALLOWED("attestation_self_not_allowed", 400, "The tenant does not accept self attestation"),
    ATTESTATION_UNTRUSTED("attestation_untrusted", 400, "The attestation does not chain to a trusted root"),
    AUTHENTICATOR_STATUS_DENIED("authenticator_status_denied", 400, "The authenticator model's FIDO metadata reports a status the tenant refuses"),
    AUTHENTICATOR_DENIED("authenticator_denied", 400, "The tenant's policy refuses this authenticator model (aaguidDeny)"),
    AUTHENTICATOR_NOT_ALLOWED("authenticator_not_allowed", 400, "This authenticator model is not on the tenant's aaguidAllow list"),
    CREDENTIAL_ID_MISMATCH("credential_id_mismatch", 400, "The credential id does not match the authenticator data"),
    CREDENTIAL_ALREADY_REGISTERED("credential_already_registered", 409, "This credential is already registered"),
    USERNAME_UNAVAILABLE("username_unavailable", 409, "This username was taken during the ceremony"),
    CREDENTIAL_UNKNOWN("credential_unknown", 400, "The credential is not registered"),
    CREDENTIAL_USER_MISMATCH("credential_user_mismatch", 400, "The credential does not belong to this ceremony's user"),
    USER_HANDLE_MISSING("user_handle_missing", 400, "userHandle is required for usernameless sign-in"),
    USER_HANDLE_MISMATCH("user_handle_mismatch", 400, "userHandle does not match the credential's owner"),
    COUNTER_REGRESSION("counter_regression", 403, "The signature counter went backwards; the credential is now blocked"),
    VERIFICATION_FAILED("verification_failed", 400, "The credential response failed verification"),
    CREDENTIAL_STATE_CHANGED("credential_state_changed", 409, "The credential was used or changed concurrently"),
    ENROLLMENT_GRANT_INVALID("enrollment_grant_invalid", 401, "The enrollment grant is unknown, used or expired"),
    CHALLENGE_STORE_FULL("challenge_store_full", 503, "Too many ceremonies are pending; try again later");

    private final Definition definition;

    CeremonyProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
