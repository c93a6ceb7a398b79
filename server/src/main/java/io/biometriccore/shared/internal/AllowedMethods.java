package io.biometriccore.shared.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The methods a path answers, from Spring MVC's own mappings (the controllers' and the actuator's
 * probes on the public port), as Spring MVC's OPTIONS answer lists them: the declared methods, HEAD
 * with GET, and OPTIONS. Never TRACE, which no route answers. Empty for a path that does not exist.
 */
@Component
class AllowedMethods {

    /** What a mapping without methods answers; Spring MVC's own OPTIONS answer drops TRACE the same way. */
    private static final Set<RequestMethod> ANY = EnumSet.complementOf(EnumSet.of(RequestMethod.TRACE));

    private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

    AllowedMethods(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /** The {@code Allow} value for the request's path, if the path exists. */
    Optional<String> allowHeaderFor(HttpServletRequest request) {
        PathContainer path = ServletRequestPathUtils.parseAndCache(request).pathWithinApplication();
        Set<RequestMethod> methods = mappings.orderedStream()
                .flatMap(mapping -> mapping.getHandlerMethods().entrySet().stream()
                        .filter(entry -> !ErrorController.class.isAssignableFrom(entry.getValue().getBeanType()))
                        .map(Map.Entry::getKey))
                .filter(info -> matches(info, path))
                .flatMap(info -> declared(info).stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RequestMethod.class)));
        return methods.isEmpty() ? Optional.empty() : Optional.of(allow(methods));
    }

    private static boolean matches(RequestMappingInfo info, PathContainer path) {
        return info.getPathPatternsCondition() != null
                && info.getPathPatternsCondition().getPatterns().stream().anyMatch(pattern -> pattern.matches(path));
    }

    private static Set<RequestMethod> declared(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        return methods.isEmpty() ? ANY : methods;
    }

    private static String allow(Set<RequestMethod> declared) {
        Set<RequestMethod> methods = EnumSet.copyOf(declared);
        if (methods.contains(RequestMethod.GET)) {
            methods.add(RequestMethod.HEAD);
        }
        methods.add(RequestMethod.OPTIONS);
        methods.remove(RequestMethod.TRACE);
        return methods.stream().map(RequestMethod::name).collect(Collectors.joining(", "));
    }
}
