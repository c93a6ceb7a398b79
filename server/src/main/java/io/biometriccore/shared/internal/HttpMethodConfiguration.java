package io.biometriccore.shared.internal;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat refuses TRACE before any filter runs, with an {@code Allow} of the servlet's methods whatever
 * the path. The public connector lets it through so that {@link TraceRefusalFilter} answers it with the
 * route's; no servlet ever sees it. The management server keeps Tomcat's refusal.
 */
@Configuration(proxyBeanMethods = false)
class HttpMethodConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> traceReachesTheFilters() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
    }
}
