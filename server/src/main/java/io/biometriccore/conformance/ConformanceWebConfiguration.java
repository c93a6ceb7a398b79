package io.biometriccore.conformance;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ConformanceWebConfiguration implements WebMvcConfigurer {

    private final ConformanceProfileInterceptor interceptor;

    ConformanceWebConfiguration(ConformanceProfileInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns(ConformanceProfileInterceptor.PATTERN);
    }
}
