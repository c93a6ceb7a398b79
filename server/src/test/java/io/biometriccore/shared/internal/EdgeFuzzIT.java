package io.biometriccore.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.RawHttp;
import io.biometriccore.testsupport.RawHttp.Answer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A small fuzzer at the edge: a few hundred malformed requests (odd bytes in the path, the query, the
 * headers and the body) against every operation of the contract, from a fixed seed so that a failure
 * replays. None may answer 5xx or list TRACE in an {@code Allow} header, and every error is
 * {@code application/problem+json} (the FIDO2 conformance routes answer their own JSON failure shape).
 */
class EdgeFuzzIT extends PostgresIntegrationTest {

    private static final long SEED = 20261201L;
    private static final int ROUNDS_PER_OPERATION = 5;
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]+}");
    private static final String[] GARBAGE = {"%00", "%2F", "%2f", "%5C", "%ZZ", "%", "..", "%2e%2e", ";x=1", "%E2%80%AE",
            "%C0%AF", "%FF", "\u00ff", "\u0085", "a%0Db", "%09", "' OR 1=1--", "{}", "%7B%7D", "null"};
    private static final String[] BODIES = {"{", "[]", "null", "\"x\"", "{\"username\":null}", "{\"username\":[null]}",
            "{\"username\":\"a\\u0000b\"}", "{\"name\":\"" + "n".repeat(5000) + "\"}", "{\"scopes\":[null,1,{}]}",
            "{\"response\":{\"transports\":[null]}}", "{\"a\":1e999999}", "[".repeat(3000), "\u00ff\u00fe", "token=%00",
            "{\"rpId\":\"\\u0000\",\"rpName\":\"" + "r".repeat(300) + "\",\"allowedOrigins\":[\"\\u0000\"]}",
            "{\"externalId\":\"" + "e".repeat(200) + "\",\"username\":\"u\\u0000\"}", "{\"userCode\":\"\\u0000\"}"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "text/plain", "application/json; charset=bogus", "\u00ff/\u00ff", ""};

    private final Random random = new Random(SEED);

    @Test
    void malformedRequestsAgainstEveryOperationNeverAnswer5xxAndEveryErrorIsAProblem() {
        BankFixture bank = BankFixture.create(api, "fuzz", Map.of(), Map.of());
        List<String> wrong = new ArrayList<>();
        Set<Integer> statuses = new TreeSet<>();
        int sent = 0;
        for (String[] operation : operations()) {
            for (int round = 0; round < ROUNDS_PER_OPERATION; round++) {
                byte[] request = request(operation[0], operation[1], bank.apiKey());
                Answer answer = RawHttp.send(port, request);
                sent++;
                statuses.add(answer.status());
                if (!acceptable(operation[1], answer)) {
                    wrong.add(new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1)
                            + "\n  -> " + answer.status() + " " + answer.contentType() + " "
                            + answer.body().substring(0, Math.min(answer.body().length(), 200)));
                }
            }
        }

        assertThat(sent).isGreaterThan(300);
        assertThat(statuses).as("the requests reach past the first check").contains(400, 401, 404);
        assertThat(wrong).isEmpty();
    }

    private static boolean acceptable(String path, Answer answer) {
        if (answer.status() >= 500 || answer.headers().getOrDefault("allow", "").contains("TRACE")) {
            return false;
        }
        if (answer.status() < 400) {
            return true;
        }
        return answer.contentType().startsWith("application/problem+json")
                || path.contains("/fido2/") && answer.contentType().startsWith("application/json");
    }

    /** Every operation of the contract as {method, path template}. */
    private static List<String[]> operations() {
        OpenAPI contract = new OpenAPIV3Parser().read(Path.of("..", "api", "openapi.yaml").toString());
        List<String[]> operations = new ArrayList<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> operations.add(new String[] {method.name(), path})));
        return operations;
    }

    private byte[] request(String method, String template, String apiKey) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path(template));
        if (random.nextBoolean()) {
            head.append('?').append(garbage()).append('=').append(garbage());
        }
        head.append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        head.append(switch (random.nextInt(4)) {
            case 0 -> "Authorization: Bearer " + apiKey + "\r\n";
            case 1 -> "Authorization: Bearer " + ADMIN_KEY + "\r\n";
            case 2 -> "Authorization: " + garbage() + "\r\n";
            default -> "";
        });
        if (random.nextInt(3) == 0) {
            head.append(pick(new String[] {"DPoP", "X-Correlation-Id", "Accept", "User-Agent", "X-Forwarded-For"}))
                    .append(": ").append(garbage()).append("\r\n");
        }
        byte[] body = pick(BODIES).getBytes(StandardCharsets.ISO_8859_1);
        String contentType = pick(CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextBoolean()) {
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
        } else {
            head.append("Transfer-Encoding: chunked\r\n\r\n").append(Integer.toHexString(body.length)).append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
            out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    /** The template with each parameter a real value or garbage. */
    private String path(String template) {
        Matcher parameter = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String value = switch (random.nextInt(4)) {
                case 0 -> parameter.group().equals("{tenantId}") ? "fuzz" : UUID.randomUUID().toString();
                case 1 -> "p".repeat(1 + random.nextInt(400));
                default -> garbage();
            };
            parameter.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        return parameter.appendTail(path).toString();
    }

    private String garbage() {
        StringBuilder value = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            value.append(random.nextBoolean() ? pick(GARBAGE) : Integer.toString(random.nextInt(1000)));
        }
        return value.toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
