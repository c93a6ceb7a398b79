package io.biometriccore.shared;

/** Problem codes that belong to no single module. */
public enum CommonProblem implements ProblemCode {
    MALFORMED_REQUEST("malformed_request", 400, "The request could not be parsed"),
    INVALID_REQUEST("invalid_request", 400, "The request is not valid"),
    PAYLOAD_TOO_LARGE("payload_too_large", 413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "The content type is not supported"),
    METHOD_NOT_ALLOWED("method_not_allowed", 405, "The method is not allowed on this resource"),
    NOT_FOUND("not_found", 404, "No such resource"),
    UNAUTHORIZED("unauthorized", 401, "Authentication is required"),
    INTERNAL_ERROR("internal_error", 500, "An internal error occurred");

    private final Definition definition;

    CommonProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
