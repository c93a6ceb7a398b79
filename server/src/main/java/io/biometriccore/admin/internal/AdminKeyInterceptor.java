package io.biometriccore.admin.internal;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.BearerToken;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Deny by default: every {@code /v1/admin/**} request needs {@code Authorization: Bearer <admin key>}.
 * It is an interceptor registered on that path pattern, not a servlet filter on the raw URI, so it
 * matches exactly what Spring MVC routes: {@code /v1/%61dmin/...} and {@code /v1/admin;x/...} reach
 * the admin handlers only through this check.
 */
@Component
class AdminKeyInterceptor implements HandlerInterceptor {

    static final String PATTERN = "/v1/admin/**";

    private final AdminKey adminKey;
    private final ApplicationEventPublisher events;

    AdminKeyInterceptor(AdminKey adminKey, ApplicationEventPublisher events) {
        this.adminKey = adminKey;
        this.events = events;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!adminKey.matches(BearerToken.of(request.getHeader(HttpHeaders.AUTHORIZATION)).orElse(null))) {
            // No bank's log: the admin API is the operators' (docs/adr/0025).
            events.publishEvent(SecurityEvent.failure(SecurityEvent.NO_TENANT, SecurityEventType.ADMIN_KEY_REJECTED,
                    CommonProblem.UNAUTHORIZED.code()).build());
            throw new ApiException(CommonProblem.UNAUTHORIZED, "A valid admin API key is required", Map.of(),
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"biometric-core-admin\""));
        }
        RequestContext.actor(RequestContext.ActorType.ADMIN, null);
        return true;
    }
}
