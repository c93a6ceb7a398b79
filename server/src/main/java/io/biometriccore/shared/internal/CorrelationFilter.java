package io.biometriccore.shared.internal;

import io.biometriccore.shared.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Opens the {@link RequestContext} of every request and echoes its correlation id. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class CorrelationFilter extends OncePerRequestFilter {

    static final String CORRELATION_HEADER = "X-Correlation-Id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestContext.Snapshot context = RequestContext.open(request.getHeader(CORRELATION_HEADER),
                request.getRemoteAddr(), request.getHeader("User-Agent"));
        response.setHeader(CORRELATION_HEADER, context.correlationId());
        try {
            chain.doFilter(request, response);
        } finally {
            RequestContext.close();
        }
    }
}
