package io.biometriccore.shared.internal;

import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * TRACE is answered by no route (ADR 30): on a path that exists it is a 405 {@code method_not_allowed}
 * problem whose {@code Allow} lists what the path does answer, elsewhere a 404 {@code not_found}, like
 * any method on an unknown path. Tomcat would refuse TRACE itself, but with the servlet's methods as
 * {@code Allow} on every path, so it lets TRACE through to this filter ({@link HttpMethodConfiguration});
 * the request never goes further, in particular never to the servlet's {@code doTrace}, which would
 * echo the request's headers back.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class TraceRefusalFilter extends OncePerRequestFilter {

    private final AllowedMethods allowedMethods;

    TraceRefusalFilter(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"TRACE".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> allow = allowedMethods.allowHeaderFor(request);
        if (allow.isEmpty()) {
            Problems.write(response, CommonProblem.NOT_FOUND, CommonProblem.NOT_FOUND.title());
            return;
        }
        response.setHeader(HttpHeaders.ALLOW, allow.get());
        Problems.write(response, CommonProblem.METHOD_NOT_ALLOWED, "TRACE is not allowed");
    }
}
