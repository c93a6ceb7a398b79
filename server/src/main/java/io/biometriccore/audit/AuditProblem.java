package io.biometriccore.audit;

import io.biometriccore.shared.ProblemCode;

public enum AuditProblem implements ProblemCode {
    AUDIT_EVENT_NOT_FOUND("audit_event_not_found", 404, "No such audit event in this tenant"),
    AUDIT_EVENT_NOT_SEALED("audit_event_not_sealed", 409, "The event is not sealed into a tree head of that size yet"),
    TREE_HEAD_NOT_FOUND("tree_head_not_found", 404, "No signed tree head of that size");

    private final Definition definition;

    AuditProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
