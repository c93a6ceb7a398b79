package io.biometriccore.sessions;

import io.biometriccore.shared.ProblemCode;

public enum SessionProblem implements ProblemCode {
    TOKEN_MISSING("token_missing", 401, "A bearer access token is required"),
    TOKEN_INVALID("token_invalid", 401, "The access token is not valid"),
    SESSION_INACTIVE("session_inactive", 401, "The session has ended"),
    REFRESH_TOKEN_INVALID("refresh_token_invalid", 401, "The refresh token is not valid"),
    REFRESH_TOKEN_REUSED("refresh_token_reused", 401, "The refresh token was used before; its session is revoked"),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400, "Only grant_type=refresh_token is supported"),
    STEP_UP_REQUIRED("step_up_required", 401, "The session must authenticate again at a higher level"),
    ACR_NOT_MET("acr_not_met", 403, "The authentication did not reach the requested level"),
    ACR_UNKNOWN("acr_unknown", 400, "The tenant defines no such assurance level"),
    SESSION_NOT_FOUND("session_not_found", 404, "No such session"),
    DPOP_PROOF_INVALID("dpop_proof_invalid", 401, "The DPoP proof is not valid"),
    DPOP_KEY_MISMATCH("dpop_key_mismatch", 401, "The token is bound to another key; present a DPoP proof by that key");

    private final Definition definition;

    SessionProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
