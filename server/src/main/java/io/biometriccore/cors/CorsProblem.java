package io.biometriccore.cors;

import io.biometriccore.shared.ProblemCode;

public enum CorsProblem implements ProblemCode {
    CORS_NOT_ALLOWED("cors_not_allowed", 403,
            "This cross-origin request is not allowed: not a client route, or not from the tenant's web origins");

    private final Definition definition;

    CorsProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
