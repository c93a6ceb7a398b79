package io.biometriccore.cors.internal;

import io.biometriccore.cors.CorsProblem;
import io.biometriccore.shared.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Spring's CORS checks, with the refusal as problem details instead of a plain-text 403, and a preflight
 * refused when it asks for any header not allowed (Spring would allow the others and leave the browser
 * to fail), so that the answer says what is wrong.
 */
final class ProblemCorsProcessor extends DefaultCorsProcessor {

    static final String REFUSED = "The origin, method or headers of this preflight are not allowed here";

    @Override
    protected @Nullable List<String> checkHeaders(CorsConfiguration config, List<String> requestHeaders) {
        List<String> allowed = super.checkHeaders(config, requestHeaders);
        return allowed != null && allowed.size() == requestHeaders.size() ? allowed : null;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatus.valueOf(CorsProblem.CORS_NOT_ALLOWED.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(Problems.json(CorsProblem.CORS_NOT_ALLOWED, CorsProblem.CORS_NOT_ALLOWED.status(),
                REFUSED).getBytes(StandardCharsets.UTF_8));
        response.flush();
    }
}
