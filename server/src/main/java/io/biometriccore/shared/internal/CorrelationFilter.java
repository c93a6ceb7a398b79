package io.biometriccore.shared.internal;

import io.biometriccore.shared.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Opens the {@link RequestContext} of every request, echoes its correlation id and logs under it. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class CorrelationFilter extends OncePerRequestFilter {

    static final String CORRELATION_HEADER = "X-Correlation-Id";
    /** Every application log line of a request carries it (logging.pattern.correlation), as its audit events do. */
    static final String MDC_KEY = "correlationId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestContext.Snapshot context = RequestContext.open(request.getHeader(CORRELATION_HEADER),
                request.getRemoteAddr(), request.getHeader("User-Agent"));
        response.setHeader(CORRELATION_HEADER, context.correlationId());
        MDC.put(MDC_KEY, context.correlationId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
            RequestContext.close();
        }
    }
}
