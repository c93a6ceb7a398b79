package io.biometriccore.shared.internal;

import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No path segment, query parameter or header of ours takes a control character, and PostgreSQL
 * refuses NUL in text: a NUL or another C0 control character (or DEL), raw or percent-encoded, in the
 * path or the query, or raw in a header value (a tab aside, which RFC 9110 allows), is a 400
 * {@code invalid_request} before any code of ours sees it. The query is checked as sent, so that form
 * bodies are not parsed here, past the size limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ControlCharacterFilter extends OncePerRequestFilter {

    private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9A-Fa-f]|7[Ff])");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (refused(request.getRequestURI()) || refused(request.getQueryString()) || anyHeaderRefused(request)) {
            Problems.write(response, CommonProblem.INVALID_REQUEST,
                    "The request holds a control character in its path, query or headers");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean refused(@Nullable String raw) {
        return raw != null && (hasControl(raw, false) || ENCODED_CONTROL.matcher(raw).find());
    }

    private static boolean anyHeaderRefused(HttpServletRequest request) {
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                if (hasControl(value, true)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasControl(String value, boolean tabAllowed) {
        return value.chars().anyMatch(c -> (c < 0x20 && !(tabAllowed && c == '\t')) || c == 0x7f);
    }
}
