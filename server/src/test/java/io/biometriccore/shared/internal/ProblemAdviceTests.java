package io.biometriccore.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.core.JacksonException;

/** The last-resort handler: the caller learns nothing of the error, the log learns everything, under the request's id. */
class ProblemAdviceTests {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ProblemAdvice.class);

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void anUnexpectedErrorIsLoggedAndAnsweredWithoutItsDetails() throws Exception {
        ProblemAdvice advice = new ProblemAdvice();
        IllegalStateException error = new IllegalStateException("SELECT secret FROM vault WHERE key = 'k-123'");
        AtomicReference<ResponseEntity<ProblemDetail>> answer = new AtomicReference<>();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/tenants/acme/authentication/verify");
        request.addHeader(CorrelationFilter.CORRELATION_HEADER, "req-4711");
        FilterChain chain = (req, res) -> answer.set(advice.handleUnexpected(error));

        new CorrelationFilter().doFilter(request, new MockHttpServletResponse(), chain);

        ResponseEntity<ProblemDetail> response = answer.get();
        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().getProperties()).containsEntry("code", "internal_error");
        assertThat(response.getBody().getDetail()).isEqualTo("An internal error occurred")
                .doesNotContain("secret", "k-123");
        ILoggingEvent event = logged.list.getLast();
        assertThat(event.getLevel().toString()).isEqualTo("ERROR");
        assertThat(event.getThrowableProxy().getMessage()).contains("k-123");
        assertThat(event.getMDCPropertyMap()).containsEntry(CorrelationFilter.MDC_KEY, "req-4711");
    }

    @Test
    void aMemberThatCannotBindIsNamedByItsPathInTheBody() {
        JacksonException unbound = JacksonException.wrapWithPath(
                JacksonException.wrapWithPath(new IllegalArgumentException("No enum constant HS256"), null, 0),
                null, "allowedAlgorithms").prependPath(null, "policy");

        assertThat(ProblemAdvice.memberPath(new IllegalStateException("binding failed", unbound)))
                .contains("policy.allowedAlgorithms[0]");
        assertThat(ProblemAdvice.memberPath(new IllegalStateException("no path"))).isEmpty();
        assertThat(ProblemAdvice.memberPath(JacksonException.wrapWithPath(new IllegalArgumentException(), null,
                "m".repeat(500)))).hasValueSatisfying(path -> assertThat(path).hasSize(203).endsWith("..."));
    }
}
