package io.biometriccore.signing.internal;

import io.biometriccore.backend.ApiKey;
import io.biometriccore.backend.ApiKeys;
import io.biometriccore.backend.Scope;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.shared.BearerToken;
import io.biometriccore.shared.TenantRoute;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who asks for a Secure Payment Confirmation or relays its assertion (ADR 0037): the transaction's
 * customer with their access token, or the bank backend with a tenant API key of scope
 * {@code transactions}, since the merchant's page that runs SPC holds no customer token.
 */
sealed interface ApprovalCaller {

    /** The customer's own app or page, with their access token (DPoP-bound when the session is). */
    record Customer(AuthenticatedSession session) implements ApprovalCaller {
        public Customer {
            Objects.requireNonNull(session, "session");
        }
    }

    /** The bank backend relaying what the merchant's page got from the browser. */
    record Bank(ApiKey key) implements ApprovalCaller {
        public Bank {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Tells the two apart by the token's form: a tenant API key is {@value ApiKeys#PREFIX}..., an access
     * token is a JWT (docs/api.md). Either is then authenticated in full, deny by default: an invalid key is
     * {@code api_key_invalid}, one without the scope {@code api_key_scope_missing}, anything else is
     * authenticated as an access token and refused as the other customer routes refuse it.
     */
    @Component
    final class Resolver implements HandlerMethodArgumentResolver {

        private final ApiKeys apiKeys;
        private final Sessions sessions;

        Resolver(ApiKeys apiKeys, Sessions sessions) {
            this.apiKeys = apiKeys;
            this.sessions = sessions;
        }

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == ApprovalCaller.class;
        }

        /** Resolved in the handler's parameter order, so the caller is authenticated before the body is read. */
        @Override
        public ApprovalCaller resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mav,
                NativeWebRequest request, @Nullable WebDataBinderFactory binders) {
            HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
            if (http == null) {
                throw new IllegalStateException("ApprovalCaller outside a servlet request");
            }
            return resolve(TenantRoute.tenantId(http, parameter.getExecutable()), http);
        }

        private ApprovalCaller resolve(String tenantId, HttpServletRequest http) {
            String authorization = http.getHeader(HttpHeaders.AUTHORIZATION);
            Optional<String> bearer = BearerToken.of(authorization);
            if (bearer.filter(token -> token.startsWith(ApiKeys.PREFIX)).isPresent()) {
                return new Bank(apiKeys.authenticate(tenantId, bearer, Scope.TRANSACTIONS));
            }
            return new Customer(sessions.authenticate(tenantId, authorization, http.getHeader("DPoP"), http.getMethod(),
                    http.getRequestURI()));
        }
    }

    /** Registers the {@link Resolver} for handler parameters of type {@link ApprovalCaller}. */
    @Configuration(proxyBeanMethods = false)
    final class WebConfiguration implements WebMvcConfigurer {

        private final Resolver resolver;

        WebConfiguration(Resolver resolver) {
            this.resolver = resolver;
        }

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(resolver);
        }
    }
}
