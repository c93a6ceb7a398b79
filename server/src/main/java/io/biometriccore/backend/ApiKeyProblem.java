package io.biometriccore.backend;

import io.biometriccore.shared.ProblemCode;

public enum ApiKeyProblem implements ProblemCode {
    API_KEY_MISSING("api_key_missing", 401, "A tenant API key is required"),
    API_KEY_INVALID("api_key_invalid", 401, "The API key is not valid for this tenant"),
    API_KEY_SCOPE_MISSING("api_key_scope_missing", 403, "The API key lacks the scope this endpoint needs"),
    API_KEY_NOT_FOUND("api_key_not_found", 404, "No such API key");

    private final Definition definition;

    ApiKeyProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
