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
 * its HTML page. A 400 is {@code invalid_request}; other statuses get the code Spring's would.
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
        ProblemCode problem = status == 400 ? CommonProblem.INVALID_REQUEST : ProblemAdvice.forStatus(status);
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

    private static boolean ioAllowed(Response response) {
        AtomicBoolean allowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
        return allowed.get();
    }
}
