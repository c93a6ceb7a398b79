package io.biometriccore.identity;

import io.biometriccore.shared.ProblemCode;

public enum IdentityProblem implements ProblemCode {
    CUSTOMER_NOT_FOUND("customer_not_found", 404, "No such customer"),
    CUSTOMER_EXISTS("customer_exists", 409, "A customer with this username or external id exists");

    private final Definition definition;

    IdentityProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
