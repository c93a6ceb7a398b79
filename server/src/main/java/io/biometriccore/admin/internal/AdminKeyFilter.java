package io.biometriccore.admin.internal;

import io.biometriccore.shared.BearerToken;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Deny by default: every {@code /v1/admin/} request needs {@code Authorization: Bearer <admin key>}. */
@Component
class AdminKeyFilter extends OncePerRequestFilter {

    private final AdminKey adminKey;

    AdminKeyFilter(AdminKey adminKey) {
        this.adminKey = adminKey;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!adminKey.matches(BearerToken.of(header).orElse(null))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"biometric-core-admin\"");
            Problems.write(response, CommonProblem.UNAUTHORIZED, "A valid admin API key is required");
            return;
        }
        RequestContext.actor(RequestContext.ActorType.ADMIN, null);
        chain.doFilter(request, response);
    }
}
