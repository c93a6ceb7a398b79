package io.biometriccore.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.servlet.HandlerMapping;

/** The {@code {tenantId}} of the route a request was matched to. */
public final class TenantRoute {

    private TenantRoute() {
    }

    /**
     * @param handler what needs the tenant, for the message when the route has none (a programming error)
     */
    public static String tenantId(HttpServletRequest request, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String tenantId = variables == null ? null : variables.get("tenantId");
        if (tenantId == null) {
            throw new IllegalStateException("A route without {tenantId} for " + handler);
        }
        return tenantId;
    }
}
