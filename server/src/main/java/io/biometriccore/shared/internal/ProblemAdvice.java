package io.biometriccore.shared.internal;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.ProblemCode;
import io.biometriccore.shared.Problems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the server as {@code application/problem+json} with a stable {@code code}.
 * Spring's own MVC exceptions (unreadable body, wrong method, unknown route) get a code by status,
 * so that malformed input is always a 4xx with a machine-readable reason.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApiException(ApiException e) {
        ProblemDetail body = Problems.of(e.problem(), e.getMessage());
        e.members().forEach(body::setProperty);
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::add);
        return ResponseEntity.status(e.problem().status()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> handleTooLarge(PayloadTooLargeException e) {
        return render(CommonProblem.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e) {
        log.error("Unhandled error", e);
        return render(CommonProblem.INTERNAL_ERROR, "An internal error occurred");
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (NestedExceptionUtils.getMostSpecificCause(ex) instanceof PayloadTooLargeException tooLarge) {
            return ResponseEntity.status(413).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(CommonProblem.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
        }
        ProblemCode problem = forStatus(statusCode.value());
        ProblemDetail detail = Problems.of(problem,
                problem == CommonProblem.MALFORMED_REQUEST ? malformed(ex) : problem.title());
        return ResponseEntity.status(problem.status()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    /** What was malformed: a parameter when Spring names one, else the body. */
    private static String malformed(Exception ex) {
        return switch (ex) {
            case MethodArgumentTypeMismatchException mismatch -> mismatch.getName() + " is not a valid value";
            case MissingServletRequestParameterException missing -> missing.getParameterName() + " is required";
            default -> "The request body is not valid JSON of the expected shape";
        };
    }

    static ProblemCode forStatus(int status) {
        return switch (status) {
            case 404 -> CommonProblem.NOT_FOUND;
            case 405 -> CommonProblem.METHOD_NOT_ALLOWED;
            case 413 -> CommonProblem.PAYLOAD_TOO_LARGE;
            case 415 -> CommonProblem.UNSUPPORTED_MEDIA_TYPE;
            case 500 -> CommonProblem.INTERNAL_ERROR;
            default -> status == 400 ? CommonProblem.MALFORMED_REQUEST : CommonProblem.INVALID_REQUEST;
        };
    }

    private static ResponseEntity<ProblemDetail> render(ProblemCode problem, String detail) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(problem, detail));
    }
}
