package io.biometriccore.identity;

import io.biometriccore.shared.ProblemCode;

public enum IdentityProblem implements ProblemCode {
    CUSTOMER_NOT_FOUND("customer_not_found", 404, "No such customer"),
    CUSTOMER_EXISTS("customer_exists", 409, "A customer with this username or external id exists");

    private final String code;
    private final int status;
    private final String title;

    IdentityProblem(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    @Override public String code() { return code; }
    @Override public int status() { return status; }
    @Override public String title() { return title; }
}
