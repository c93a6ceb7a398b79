package io.biometriccore.shared.internal;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.ProblemCode;
import io.biometriccore.shared.Problems;
import java.sql.SQLException;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
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
import tools.jackson.core.JacksonException;

/**
 * Every error leaves the server as {@code application/problem+json} with a stable {@code code}.
 * Spring's own MVC exceptions (unreadable body, wrong method, unknown route) get a code by status,
 * so that malformed input is always a 4xx with a machine-readable reason.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final int MAX_PATH = 200;

    /**
     * SQLSTATEs of values the database refuses, which only the caller's input can cause: a string over
     * its column's length (22001), a NUL or a byte the encoding lacks (22021, 22P05; PostgreSQL).
     */
    private static final Set<String> REFUSED_VALUES = Set.of("22001", "22021", "22P05");

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

    /** The statement failed, so the transaction around it rolled back; the input was at fault. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> handleDataAccess(DataAccessException e) {
        if (NestedExceptionUtils.getMostSpecificCause(e) instanceof SQLException sql
                && REFUSED_VALUES.contains(sql.getSQLState())) {
            return render(CommonProblem.INVALID_REQUEST, "A value is too long or holds characters that are not allowed");
        }
        return handleUnexpected(e);
    }

    /** Tomcat's own parsing of query strings and form bodies: 413 past the form size limit, else 400. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> handleInvalidParameters(InvalidParameterException e) {
        return e.getErrorCode() == 413 ? render(CommonProblem.PAYLOAD_TOO_LARGE, "The request body is too large")
                : render(CommonProblem.INVALID_REQUEST, "The request parameters could not be parsed");
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

    /**
     * What was malformed: a parameter when Spring names one, the body's member when Jackson found the
     * value it could not bind (by its path, never by our classes' names), else the body.
     */
    private static String malformed(Exception ex) {
        return switch (ex) {
            case MethodArgumentTypeMismatchException mismatch -> mismatch.getName() + " is not a valid value";
            case MissingServletRequestParameterException missing -> missing.getParameterName() + " is required";
            default -> memberPath(ex).map(member -> member + " is not a valid value")
                    .orElse("The request body is not valid JSON of the expected shape");
        };
    }

    /** {@code policy.allowedAlgorithms[0]}: where in the body binding failed, when Jackson knows. */
    static Optional<String> memberPath(Exception ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return memberPath(jackson);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> memberPath(JacksonException jackson) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        // The names are the caller's own members; a made-up one of any length is not echoed whole.
        return path.isEmpty() ? Optional.empty()
                : Optional.of(path.length() <= MAX_PATH ? path.toString() : path.substring(0, MAX_PATH) + "...");
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
