package io.biometriccore.backend.internal;

import io.biometriccore.backend.ApiKey;
import io.biometriccore.backend.ApiKeys;
import io.biometriccore.backend.RequiresScope;
import io.biometriccore.shared.BearerToken;
import io.biometriccore.shared.TenantRoute;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Deny by default for the bank backend API: a handler with {@link RequiresScope} (in this module or
 * another, such as activity history) runs only after the tenant API key in {@code Authorization:
 * Bearer} passed {@link ApiKeys#authenticate} for the route's tenant and that scope; a handler of this
 * module without the annotation is refused. The authenticated key is left in a request attribute.
 */
@Component
class ApiKeyInterceptor implements HandlerInterceptor {

    static final String API_KEY_ATTRIBUTE = "io.biometriccore.backend.apiKey";

    private final ApiKeys apiKeys;

    ApiKeyInterceptor(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresScope scope = method.getMethodAnnotation(RequiresScope.class);
        if (scope == null) {
            if (method.getBeanType().getPackageName().equals(ApiKeyInterceptor.class.getPackageName())) {
                throw new IllegalStateException("Backend handler without @RequiresScope: " + method);
            }
            return true;
        }
        ApiKey key = apiKeys.authenticate(TenantRoute.tenantId(request, method), BearerToken.of(request.getHeader(HttpHeaders.AUTHORIZATION)),
                scope.value());
        request.setAttribute(API_KEY_ATTRIBUTE, key);
        return true;
    }
}
