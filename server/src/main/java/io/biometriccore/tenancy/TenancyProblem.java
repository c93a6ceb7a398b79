package io.biometriccore.tenancy;

import io.biometriccore.shared.ProblemCode;

public enum TenancyProblem implements ProblemCode {
    TENANT_NOT_FOUND("tenant_not_found", 404, "No such tenant"),
    TENANT_INVALID("tenant_invalid", 400, "The tenant definition is not valid"),
    POLICY_INVALID("policy_invalid", 400, "The policy document is not valid"),
    POLICY_VERSION_NOT_FOUND("policy_version_not_found", 404, "The tenant has no such policy version"),
    ENROLLMENT_NOT_OPEN("enrollment_not_open", 403, "This tenant does not allow open enrollment"),
    CONFORMANCE_PROFILE_DISABLED("conformance_profile_disabled", 404,
            "This tenant does not serve the FIDO conformance routes");

    private final Definition definition;

    TenancyProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
