package io.biometriccore.shared;

import java.util.Objects;

/**
 * An expected, client-caused rejection. The web layer renders it as {@code application/problem+json}
 * (RFC 9457) whose {@code code} member is {@link ProblemCode#code()}: stable, machine-readable and
 * safe to show. The {@code detail} is generic; specifics belong in the audit log, never in the answer.
 */
public class ApiException extends RuntimeException {

    private final ProblemCode problem;

    public ApiException(ProblemCode problem, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public ApiException(ProblemCode problem) {
        this(problem, problem.title());
    }

    public ProblemCode problem() {
        return problem;
    }

    /** No stack trace: these are expected outcomes, and they are frequent under attack. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
