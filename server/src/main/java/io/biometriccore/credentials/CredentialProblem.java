package io.biometriccore.credentials;

import io.biometriccore.shared.ProblemCode;

public enum CredentialProblem implements ProblemCode {
    DEVICE_NOT_FOUND("device_not_found", 404, "No such device for this customer"),
    DEVICE_STATE_CONFLICT("device_state_conflict", 409, "The device's status does not allow this change"),
    DEVICE_CLONE_SUSPECTED("device_clone_suspected", 409,
            "A clone-suspected device can only be revoked; the customer must enroll again");

    private final Definition definition;

    CredentialProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
