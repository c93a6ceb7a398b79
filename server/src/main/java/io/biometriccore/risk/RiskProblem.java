package io.biometriccore.risk;

import io.biometriccore.shared.ProblemCode;

public enum RiskProblem implements ProblemCode {
    CREDENTIAL_SUSPENDED("credential_suspended", 403, "This credential is suspended"),
    CREDENTIAL_REVOKED("credential_revoked", 403, "This credential is revoked"),
    CREDENTIAL_SUSPECTED_CLONE("credential_suspected_clone", 403,
            "This credential is blocked because its authenticator may have been cloned");

    private final Definition definition;

    RiskProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
