package io.biometriccore.shared;

import java.util.Map;
import java.util.Objects;

/**
 * An expected, client-caused rejection. The web layer renders it as {@code application/problem+json}
 * (RFC 9457) whose {@code code} member is {@link ProblemCode#code()}: stable, machine-readable and
 * safe to show. The {@code detail} is generic; specifics belong in the audit log, never in the answer.
 */
public class ApiException extends RuntimeException {

    private final ProblemCode problem;
    private final Map<String, Object> members;
    private final Map<String, String> headers;

    /**
     * @param members extension members of the problem, e.g. what a step-up must ask for
     * @param headers response headers, e.g. {@code WWW-Authenticate}
     */
    public ApiException(ProblemCode problem, String detail, Map<String, Object> members, Map<String, String> headers) {
        super(Objects.requireNonNull(detail, "detail"));
        this.problem = Objects.requireNonNull(problem, "problem");
        this.members = Map.copyOf(members);
        this.headers = Map.copyOf(headers);
    }

    public ApiException(ProblemCode problem, String detail) {
        this(problem, detail, Map.of(), Map.of());
    }

    public ApiException(ProblemCode problem) {
        this(problem, problem.title());
    }

    public ProblemCode problem() {
        return problem;
    }

    public Map<String, Object> members() {
        return members;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** No stack trace: these are expected outcomes, and they are frequent under attack. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
