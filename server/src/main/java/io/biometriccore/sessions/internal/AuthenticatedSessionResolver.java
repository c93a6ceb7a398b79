package io.biometriccore.sessions.internal;

import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

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
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        String tenantId = variables == null ? null : variables.get("tenantId");
        if (tenantId == null) {
            throw new IllegalStateException("AuthenticatedSession used on a route without {tenantId}");
        }
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        if (http == null) {
            throw new IllegalStateException("AuthenticatedSession outside a servlet request");
        }
        return sessions.authenticate(tenantId, http.getHeader("Authorization"), http.getHeader("DPoP"),
                http.getMethod(), http.getRequestURI());
    }
}
