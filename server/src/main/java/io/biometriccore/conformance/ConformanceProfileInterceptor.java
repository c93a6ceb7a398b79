package io.biometriccore.conformance;

import io.biometriccore.shared.Problems;
import io.biometriccore.tenancy.TenancyProblem;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The conformance routes exist only on tenants with the conformance profile; elsewhere they are not
 * found, as problem details. It writes the answer itself, because an exception thrown here would reach
 * the controller's own handler, which answers in the conformance tools' shape (ADR 0023).
 */
@Component
class ConformanceProfileInterceptor implements HandlerInterceptor {

    static final String PATTERN = "/v1/tenants/*/fido2/**";
    /** Spring MVC's own OPTIONS answer binds no template variables: the tenant is then read from the path. */
    private static final PathPattern TENANT_PATH = PathPatternParser.defaultInstance.parse("/v1/tenants/{tenantId}/fido2/**");

    private final Tenants tenants;

    ConformanceProfileInterceptor(Tenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Optional<Tenant> tenant = tenantId(request).flatMap(tenants::find);
        if (tenant.isEmpty()) {
            Problems.write(response, TenancyProblem.TENANT_NOT_FOUND, "No such tenant");
            return false;
        }
        if (!tenant.get().conformanceProfile()) {
            Problems.write(response, TenancyProblem.CONFORMANCE_PROFILE_DISABLED,
                    "The FIDO conformance routes are served only by tenants with the conformance profile");
            return false;
        }
        return true;
    }

    private static Optional<String> tenantId(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request
                .getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables == null) {
            PathPattern.PathMatchInfo match = TENANT_PATH.matchAndExtract((ServletRequestPathUtils.hasParsedRequestPath(request)
                    ? ServletRequestPathUtils.getParsedRequestPath(request)
                    : ServletRequestPathUtils.parseAndCache(request)).pathWithinApplication());
            variables = match == null ? null : match.getUriVariables();
        }
        return Optional.ofNullable(variables).map(v -> v.get("tenantId"));
    }
}
