package io.biometriccore.ratelimits;

import io.biometriccore.shared.ProblemCode;

public enum RateLimitProblem implements ProblemCode {
    RATE_LIMITED("rate_limited", 429, "Too many requests");

    private final Definition definition;

    RateLimitProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
