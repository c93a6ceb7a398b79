package io.biometriccore.cors.internal;

import io.biometriccore.cors.CorsProblem;
import io.biometriccore.shared.Problems;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * CORS by route class (ADR 0029). On a {@link io.biometriccore.shared.ClientApi} route of an existing
 * tenant, Spring's {@link CorsProcessor} answers for exactly the tenant's web origins, the route's
 * methods and the headers the client API reads, with no credentials, and {@code Vary: Origin} on every
 * response. A preflight anywhere else, or that those rules refuse, is {@code 403 cors_not_allowed}. A
 * cross-origin request that is not a preflight and is not allowed goes on without
 * {@code Access-Control-*} headers, so the browser withholds the answer from the page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class TenantCorsFilter extends OncePerRequestFilter {

    /** What the client API reads besides the CORS-safelisted headers. */
    static final List<String> ALLOWED_HEADERS = List.of("Authorization", "DPoP", "Content-Type", "X-Correlation-Id");
    /** What a page needs to read: when to retry, why a token was refused, the id to quote to support. */
    static final List<String> EXPOSED_HEADERS = List.of("Retry-After", "WWW-Authenticate", "X-Correlation-Id");
    /** Seconds a browser may reuse a preflight: a removed origin stops working within ten minutes. */
    static final long MAX_AGE = 600;

    private final Tenants tenants;
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final CorsProcessor processor = new ProblemCorsProcessor();
    private volatile @Nullable ClientRoutes routes;

    TenantCorsFilter(Tenants tenants,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.tenants = tenants;
        this.mappings = mappings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean preflight = CorsUtils.isPreFlightRequest(request);
        String method = preflight ? request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) : request.getMethod();
        Optional<ClientRoutes.Match> route = routes().match(path(request), method);
        if (preflight) {
            answerPreflight(route.flatMap(this::configuration), request, response);
            return;
        }
        if (route.isPresent()) {
            crossOrigin(route.get(), request, response);
        }
        chain.doFilter(request, response);
    }

    private void answerPreflight(Optional<CorsConfiguration> config, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (config.isPresent()) {
            processor.processRequest(config.get(), request, response);
            return;
        }
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        Problems.write(response, CorsProblem.CORS_NOT_ALLOWED, "Only the client API answers cross-origin requests");
    }

    /**
     * A request of the client API: only one that comes from another origin costs the tenant's
     * configuration; an app's or a server's request, without {@code Origin}, just varies by it.
     */
    private void crossOrigin(ClientRoutes.Match route, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && CorsUtils.isCorsRequest(request)) {
            Optional<CorsConfiguration> config = configuration(route).filter(c -> c.checkOrigin(origin) != null);
            if (config.isPresent()) {
                processor.processRequest(config.get(), request, response);
                return;
            }
        }
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }

    private Optional<CorsConfiguration> configuration(ClientRoutes.Match route) {
        return tenants.find(route.tenantId()).map(tenant -> configuration(tenant, route.methods()));
    }

    static CorsConfiguration configuration(Tenant tenant, Set<String> methods) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(tenant.webOrigins());
        config.setAllowedMethods(List.copyOf(methods));
        config.setAllowedHeaders(ALLOWED_HEADERS);
        config.setExposedHeaders(EXPOSED_HEADERS);
        config.setAllowCredentials(false);
        config.setMaxAge(MAX_AGE);
        return config;
    }

    private static PathContainer path(HttpServletRequest request) {
        return RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication();
    }

    private ClientRoutes routes() {
        ClientRoutes known = routes;
        if (known == null) {
            known = ClientRoutes.of(mappings.getObject().getHandlerMethods());
            routes = known;
        }
        return known;
    }
}
