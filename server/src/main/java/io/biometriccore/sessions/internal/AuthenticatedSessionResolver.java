package io.biometriccore.sessions.internal;

import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.shared.TenantRoute;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a controller parameter of type {@link AuthenticatedSession} from {@code Authorization:
 * Bearer <access token>} (or {@code DPoP <token>} with its proof) on a {@code /v1/tenants/{tenantId}/...} route. No token, or one that is not
 * valid for that tenant's live session, is a 401; nothing reaches the handler.
 */
@Component
class AuthenticatedSessionResolver implements HandlerMethodArgumentResolver {

    private final Sessions sessions;

    AuthenticatedSessionResolver(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuthenticatedSession.class;
    }

    @Override
    public AuthenticatedSession resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mav,
            NativeWebRequest request, @Nullable WebDataBinderFactory binders) {
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        if (http == null) {
            throw new IllegalStateException("AuthenticatedSession outside a servlet request");
        }
        return sessions.authenticate(TenantRoute.tenantId(http, parameter.getExecutable()), http.getHeader("Authorization"), http.getHeader("DPoP"),
                http.getMethod(), http.getRequestURI());
    }
}
