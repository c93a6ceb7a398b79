package io.biometriccore.risk;

import io.biometriccore.shared.ProblemCode;

public enum RiskProblem implements ProblemCode {
    CREDENTIAL_SUSPENDED("credential_suspended", 403, "This credential is suspended"),
    CREDENTIAL_REVOKED("credential_revoked", 403, "This credential is revoked"),
    CREDENTIAL_SUSPECTED_CLONE("credential_suspected_clone", 403,
            "This credential is blocked because its authenticator may have been cloned");

    private final String code;
    private final int status;
    private final String title;

    RiskProblem(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    @Override public String code() { return code; }
    @Override public int status() { return status; }
    @Override public String title() { return title; }
}
