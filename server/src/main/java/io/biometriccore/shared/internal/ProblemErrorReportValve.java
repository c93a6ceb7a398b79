package io.biometriccore.shared.internal;

import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.ProblemCode;
import io.biometriccore.shared.Problems;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report for what it refuses before Spring MVC runs (an encoded slash or a NUL in the
 * path, a header over the limit, a broken request line): the problem JSON of our own errors instead of
 * its HTML page; see {@link #problemFor} for the codes.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    /** As Tomcat's own: only for an error not yet reported, with nothing written yet. */
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported() || !ioAllowed(response)) {
            return;
        }
        ProblemCode problem = problemFor(status);
        if (problem != CommonProblem.INTERNAL_ERROR) {
            status = problem.status();
            response.setStatus(status);
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.json(problem, status, problem.title()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("The error report could not be written", e);
        }
    }

    /**
     * Not found, wrong method, too large and unsupported media type keep their codes. Any other client
     * error, and a {@code Transfer-Encoding} or HTTP version Tomcat does not implement (501, 505: the
     * request's fault, not the server's), is a 400 {@code invalid_request}; a server error stays one.
     */
    static ProblemCode problemFor(int status) {
        return switch (status) {
            case 404, 405, 413, 415 -> ProblemAdvice.forStatus(status);
            case 501, 505 -> CommonProblem.INVALID_REQUEST;
            default -> status < 500 ? CommonProblem.INVALID_REQUEST : CommonProblem.INTERNAL_ERROR;
        };
    }

    private static boolean ioAllowed(Response response) {
        AtomicBoolean allowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
        return allowed.get();
    }
}
