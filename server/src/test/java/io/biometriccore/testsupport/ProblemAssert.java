package io.biometriccore.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.shared.ProblemCode;
import io.biometriccore.testsupport.ApiClient.Response;

/** The one check of a rejection: RFC 9457 problem JSON with the status and the stable {@code code}. */
public final class ProblemAssert {

    private ProblemAssert() {
    }

    public static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.code()).as(response.body()).isEqualTo(code);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Asserted.problem(code);
    }

    /**
     * Only the stable {@code code}, for answers whose status another assertion of the test has pinned or
     * that are read through a helper returning the problem alone.
     */
    public static void assertCode(Response response, String code) {
        assertThat(response.code()).as(response.body()).isEqualTo(code);
        Asserted.problem(code);
    }

    /** A rejection's code where the test holds the thrown problem itself (steps, value checks). */
    public static void assertCode(ProblemCode actual, ProblemCode expected) {
        assertThat(actual).isEqualTo(expected);
        Asserted.problem(expected.code());
    }

    /** A code the test read some other way (an exception's problem, a conformance answer): recorded once equal. */
    public static void assertCode(String actual, String code) {
        assertThat(actual).isEqualTo(code);
        Asserted.problem(code);
    }

    /** A refusal to retry later: the problem, with {@code Retry-After} in whole seconds (RFC 9110 §10.2.3). */
    public static long assertProblemWithRetryAfter(Response response, int status, String code) {
        assertProblem(response, status, code);
        long seconds = Long.parseLong(response.raw().headers().firstValue("Retry-After").orElseThrow(
                () -> new AssertionError("no Retry-After: " + response.body())));
        assertThat(seconds).as("Retry-After").isPositive();
        return seconds;
    }
}
