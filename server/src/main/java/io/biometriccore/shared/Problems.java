package io.biometriccore.shared;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Builds and writes RFC 9457 problem details carrying a stable {@code code} member. */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail of(ProblemCode problem, String detail) {
        ProblemDetail body = ProblemDetail.forStatus(problem.status());
        body.setType(URI.create("https://biometric-core.dev/problems/" + problem.code().replace('_', '-')));
        body.setTitle(problem.title());
        body.setDetail(detail);
        body.setProperty("code", problem.code());
        return body;
    }

    /** For servlet filters, which run before Spring MVC's exception handling. */
    public static void write(HttpServletResponse response, ProblemCode problem, String detail) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), asJson(of(problem, detail)));
    }

    /** The JSON text of a problem with {@code status}, for the servlet container's own error reports. */
    public static String json(ProblemCode problem, int status, String detail) {
        ProblemDetail body = of(problem, detail);
        body.setStatus(status);
        return JSON.writeValueAsString(asJson(body));
    }

    /** RFC 9457 members with the extension members flattened in, as Spring MVC renders them. */
    private static Map<String, Object> asJson(ProblemDetail problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", problem.getType().toString());
        json.put("title", problem.getTitle());
        json.put("status", problem.getStatus());
        json.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            json.putAll(problem.getProperties());
        }
        return json;
    }
}
