package io.biometriccore.cors.internal;

import io.biometriccore.shared.ClientApi;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The routes of the client API, read from the handlers marked {@link ClientApi}: each path pattern with
 * the methods it answers. A later client route is covered by its marker, not by a list kept here.
 */
final class ClientRoutes {

    /** A request path that is a client route, with its tenant and the methods its handlers take. */
    record Match(String tenantId, Set<String> methods) {
    }

    private final Map<PathPattern, Set<String>> methodsByPattern;

    private ClientRoutes(Map<PathPattern, Set<String>> methodsByPattern) {
        this.methodsByPattern = Map.copyOf(methodsByPattern);
    }

    static ClientRoutes of(Map<RequestMappingInfo, HandlerMethod> handlers) {
        Map<PathPattern, Set<String>> methods = new LinkedHashMap<>();
        handlers.forEach((info, handler) -> {
            if (isClientApi(handler) && info.getPathPatternsCondition() != null) {
                info.getPathPatternsCondition().getPatterns().forEach(pattern -> methods
                        .computeIfAbsent(pattern, p -> new TreeSet<>())
                        .addAll(info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList()));
            }
        });
        return new ClientRoutes(methods);
    }

    static boolean isClientApi(HandlerMethod handler) {
        return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), ClientApi.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ClientApi.class);
    }

    /** The client route at this path, if it is one under {@code {tenantId}} that answers {@code method}. */
    Optional<Match> match(PathContainer path, String method) {
        Set<String> methods = new HashSet<>();
        String tenantId = null;
        for (Map.Entry<PathPattern, Set<String>> route : methodsByPattern.entrySet()) {
            PathPattern.PathMatchInfo matched = route.getKey().matchAndExtract(path);
            if (matched != null && matched.getUriVariables().containsKey("tenantId")) {
                tenantId = matched.getUriVariables().get("tenantId");
                methods.addAll(route.getValue());
            }
        }
        return tenantId != null && methods.contains(method)
                ? Optional.of(new Match(tenantId, Set.copyOf(methods)))
                : Optional.empty();
    }

    /** {@code METHOD pattern} of every client route, for the test that holds them to the contract. */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        methodsByPattern.forEach((pattern, methods) -> methods.forEach(m -> operations.add(m + " " + pattern)));
        return operations;
    }
}
