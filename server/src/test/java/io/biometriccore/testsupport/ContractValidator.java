package io.biometriccore.testsupport;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Holds an exchange to an OpenAPI 3.1 contract (ADR 0031): the operation is found by method and path
 * template; its parameters (path, query, header), request body, status, content type, required response
 * headers and JSON bodies must be as the contract says. The schemas are the contract's own, JSON Schema
 * 2020-12 in the OpenAPI 3.1 dialect, validated by networknt's json-schema-validator against the whole
 * document, so their {@code $ref}s resolve as written. Finding the operation and reading its non-schema
 * objects ({@code $ref}'d parameters, responses, headers) is all this class does itself.
 */
public final class ContractValidator {

    private static final Path DIRECTORY = Path.of("..", "api");
    private static final Map<String, ContractValidator> LOADED = new ConcurrentHashMap<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final String iri;
    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Template> templates;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** The request, as the client sent it; {@code body} null when it sent none. */
    public record Exchange(String method, String pathAndQuery, Map<String, List<String>> requestHeaders,
            @Nullable String requestContentType, @Nullable String requestBody, int status,
            Map<String, List<String>> responseHeaders, String responseContentType, String responseBody) {
    }

    private record Template(String path, Pattern pattern, int literals) {
    }

    private ContractValidator(String name, String yaml) {
        this.name = name;
        this.iri = "https://contract.biometric-core.test/" + name.replace(".yaml", ".json");
        this.document = new YAMLMapper().readTree(yaml);
        String json = JSON.writeValueAsString(document);
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(iri, json)));
        this.templates = templatesOf(document.path("paths"));
    }

    /** {@code api/openapi.yaml}, the public port's contract. */
    public static ContractValidator publicApi() {
        return load("openapi.yaml");
    }

    /** {@code api/management.yaml}, the management port's contract. */
    public static ContractValidator management() {
        return load("management.yaml");
    }

    /** A contract from its text, for the validator's own tests. */
    public static ContractValidator of(String name, String yaml) {
        return new ContractValidator(name, yaml);
    }

    private static ContractValidator load(String file) {
        return LOADED.computeIfAbsent(file, f -> {
            try {
                return new ContractValidator(f, Files.readString(DIRECTORY.resolve(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What in the request breaks the contract; empty when nothing does. */
    public List<String> requestViolations(Exchange exchange) {
        List<String> violations = new ArrayList<>();
        if (isOptionsOnAPath(exchange)) {
            return violations;
        }
        Optional<Operation> found = operation(exchange, violations);
        found.ifPresent(operation -> {
            checkParameters(operation, exchange, violations);
            checkRequestBody(operation, exchange, violations);
        });
        return violations;
    }

    /** What in the response breaks the contract; empty when nothing does. */
    public List<String> responseViolations(Exchange exchange) {
        List<String> violations = new ArrayList<>();
        if (isOptionsOnAPath(exchange)) {
            checkOptionsAnswer(exchange, "OPTIONS " + template(pathOf(exchange)).orElseThrow().path, violations);
            return violations;
        }
        Optional<Operation> found = operation(exchange, new ArrayList<>());
        if (found.isEmpty()) {
            checkUndeclaredRouteAnswer(exchange, violations);
            return violations;
        }
        List<String> own = operationResponseViolations(found.get(), exchange);
        return own.isEmpty() || isAnswerOfAnyRoute(exchange) ? List.of() : own;
    }

    /** The contract's {@code x-any-route-may-answer}: a problem with the one code named for its status. */
    private boolean isAnswerOfAnyRoute(Exchange exchange) {
        String code = document.path("x-any-route-may-answer").path(String.valueOf(exchange.status())).asString("");
        if (code.isEmpty() || !mediaType(exchange.responseContentType()).equals("application/problem+json")) {
            return false;
        }
        List<String> violations = new ArrayList<>();
        validate("", "/components/schemas/Problem", exchange.responseBody(), violations);
        return violations.isEmpty() && code.equals(readOrText(exchange.responseBody()).path("code").asString(""));
    }

    private List<String> operationResponseViolations(Operation operation, Exchange exchange) {
        List<String> violations = new ArrayList<>();
        String status = String.valueOf(exchange.status());
        String pointer = operation.pointer + "/responses/" + status;
        JsonNode response = operation.node.path("responses").path(status);
        if (response.isMissingNode()) {
            pointer = operation.pointer + "/responses/default";
            response = operation.node.path("responses").path("default");
        }
        if (response.isMissingNode()) {
            violations.add(operation + ": status " + status + " is not declared");
            return violations;
        }
        Ref resolved = resolve(new Ref(pointer, response));
        checkResponseHeaders(operation, status, resolved, exchange, violations);
        if (!"HEAD".equals(exchange.method())) {
            checkBody(operation + " " + status + " response", resolved, exchange.responseContentType(),
                    exchange.responseBody(), violations);
        }
        return violations;
    }

    private boolean isOptionsOnAPath(Exchange exchange) {
        return exchange.method().equals("OPTIONS") && template(pathOf(exchange))
                .filter(t -> !document.path("paths").path(t.path).has("options")).isPresent();
    }

    /** A bad request to a route the contract lacks still gets an answer of the contract's problem shape. */
    private void checkUndeclaredRouteAnswer(Exchange exchange, List<String> violations) {
        if (mediaType(exchange.responseContentType()).equals("application/problem+json")) {
            validate(exchange.method() + " " + pathOf(exchange) + " (no operation) " + exchange.status() + " response",
                    "/components/schemas/Problem", exchange.responseBody(), violations);
        }
    }

    private record Operation(String method, String path, String pointer, JsonNode node, JsonNode pathItem,
            Map<String, String> pathValues) {

        @Override
        public String toString() {
            String id = node.path("operationId").asString("");
            return method + " " + path + (id.isEmpty() ? "" : " (" + id + ")");
        }
    }

    private record Ref(String pointer, JsonNode node) {
    }

    /**
     * The answers the contract's description promises on every path of it besides its operations: a
     * plain {@code OPTIONS} is {@code 200} with {@code Allow} and no body, a refused CORS preflight
     * {@code 403 cors_not_allowed}.
     */
    private void checkOptionsAnswer(Exchange exchange, String where, List<String> violations) {
        if (exchange.status() == 200) {
            if (!exchange.responseBody().isEmpty()) {
                violations.add(where + " 200 has a body");
            }
            boolean preflight = !header(exchange.requestHeaders(), "Access-Control-Request-Method").isEmpty();
            if (!preflight && header(exchange.responseHeaders(), "Allow").isEmpty()) {
                violations.add(where + " 200 has no Allow header");
            }
        } else if (exchange.status() == 403) {
            validateNode(where + " 403", "/components/responses/CorsNotAllowed/content/application~1problem+json/schema",
                    readOrText(exchange.responseBody()), violations);
        } else {
            violations.add(where + ": status " + exchange.status() + " is not an answer to OPTIONS");
        }
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JsonNodeFactory.instance.stringNode(body);
        }
    }

    private Optional<Template> template(String path) {
        return templates.stream().filter(t -> t.pattern.matcher(path).matches()).findFirst();
    }

    private Optional<Operation> operation(Exchange exchange, List<String> violations) {
        String path = pathOf(exchange);
        String method = exchange.method().equals("HEAD") ? "get" : exchange.method().toLowerCase(Locale.ROOT);
        for (Template template : templates) {
            var matcher = template.pattern.matcher(path);
            if (matcher.matches()) {
                JsonNode item = document.path("paths").path(template.path);
                if (!item.has(method)) {
                    violations.add(name + " has no operation " + exchange.method() + " " + template.path);
                    return Optional.empty();
                }
                return Optional.of(new Operation(exchange.method(), template.path,
                        "/paths/" + escape(template.path) + "/" + method, item.path(method), item,
                        pathValues(template.path, matcher)));
            }
        }
        violations.add(name + " has no path matching " + exchange.method() + " " + path);
        return Optional.empty();
    }

    private static Map<String, String> pathValues(String template, java.util.regex.Matcher matcher) {
        Map<String, String> values = new java.util.HashMap<>();
        var names = Pattern.compile("\\{([^}]+)}").matcher(template);
        int group = 1;
        while (names.find()) {
            values.put(names.group(1), java.net.URLDecoder.decode(matcher.group(group++),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return values;
    }

    private void checkParameters(Operation operation, Exchange exchange, List<String> violations) {
        Map<String, List<String>> query = queryOf(exchange.pathAndQuery());
        List<Ref> parameters = new ArrayList<>();
        collect(operation.pointer.substring(0, operation.pointer.lastIndexOf('/')) + "/parameters",
                operation.pathItem.path("parameters"), parameters);
        collect(operation.pointer + "/parameters", operation.node.path("parameters"), parameters);
        for (Ref parameter : parameters) {
            String in = parameter.node.path("in").asString();
            String parameterName = parameter.node.path("name").asString();
            List<String> values = switch (in) {
                case "query" -> query.getOrDefault(parameterName, List.of());
                case "header" -> header(exchange.requestHeaders(), parameterName);
                case "path" -> Optional.ofNullable(operation.pathValues.get(parameterName)).map(List::of)
                        .orElse(List.of());
                default -> List.of();
            };
            String where = operation + " " + in + " parameter " + parameterName;
            if (values.isEmpty() && (parameter.node.path("required").asBoolean(false) || "path".equals(in))) {
                violations.add(where + " is required and missing");
            }
            JsonNode schema = parameter.node.path("schema");
            if ("array".equals(schema.path("type").asString("")) && !values.isEmpty()) {
                var array = JsonNodeFactory.instance.arrayNode();
                values.forEach(value -> array.add(scalar(value, schema.path("items"))));
                validateNode(where, parameter.pointer + "/schema", array, violations);
                continue;
            }
            for (String value : values) {
                validateNode(where, parameter.pointer + "/schema", scalar(value, schema), violations);
            }
        }
    }

    private void collect(String pointer, JsonNode parameters, List<Ref> into) {
        for (int i = 0; i < parameters.size(); i++) {
            into.add(resolve(new Ref(pointer + "/" + i, parameters.get(i))));
        }
    }

    private void checkRequestBody(Operation operation, Exchange exchange, List<String> violations) {
        JsonNode declared = operation.node.path("requestBody");
        boolean sent = exchange.requestBody() != null;
        if (declared.isMissingNode()) {
            if (sent) {
                violations.add(operation + " takes no request body");
            }
            return;
        }
        Ref body = resolve(new Ref(operation.pointer + "/requestBody", declared));
        if (!sent) {
            if (body.node.path("required").asBoolean(false)) {
                violations.add(operation + " requires a request body");
            }
            return;
        }
        checkBody(operation + " request", body, exchange.requestContentType() == null ? ""
                : exchange.requestContentType(), exchange.requestBody(), violations);
    }

    private void checkResponseHeaders(Operation operation, String status, Ref response, Exchange exchange,
            List<String> violations) {
        JsonNode headers = response.node.path("headers");
        for (String headerName : headers.propertyNames()) {
            Ref header = resolve(new Ref(response.pointer + "/headers/" + escape(headerName),
                    headers.path(headerName)));
            List<String> values = header(exchange.responseHeaders(), headerName);
            String where = operation + " " + status + " response header " + headerName;
            if (values.isEmpty() && header.node.path("required").asBoolean(false)) {
                violations.add(where + " is required and missing");
            }
            if (header.node.has("schema")) {
                for (String value : values) {
                    validateNode(where, header.pointer + "/schema", scalar(value, header.node.path("schema")),
                            violations);
                }
            }
        }
    }

    /** The content type must be one the contract lists; a JSON body must match that media type's schema. */
    private void checkBody(String where, Ref declared, String contentType, @Nullable String body,
            List<String> violations) {
        JsonNode content = declared.node.path("content");
        boolean empty = body == null || body.isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            if (!empty) {
                violations.add(where + " has a body (" + contentType + ") where the contract declares none");
            }
            return;
        }
        if (empty) {
            violations.add(where + " has no body where the contract declares " + content.propertyNames());
            return;
        }
        String media = mediaType(contentType);
        Optional<String> key = content.propertyNames().stream().filter(k -> matches(k, contentType)).findFirst();
        if (key.isEmpty()) {
            violations.add(where + " has content type '" + contentType + "', the contract declares "
                    + content.propertyNames());
            return;
        }
        String schema = declared.pointer + "/content/" + escape(key.get()) + "/schema";
        if (isJson(media) && content.path(key.get()).has("schema")) {
            validate(where, schema, body, violations);
        } else if (media.equals("application/x-www-form-urlencoded") && content.path(key.get()).has("schema")) {
            var fields = JsonNodeFactory.instance.objectNode();
            queryOf("?" + body).forEach((field, values) -> fields.put(field, values.getFirst()));
            validateNode(where, schema, fields, violations);
        }
    }

    private void validate(String where, String pointer, String body, List<String> violations) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (RuntimeException e) {
            violations.add(where + " is not JSON: " + e.getMessage());
            return;
        }
        validateNode(where, pointer, node, violations);
    }

    private void validateNode(String where, String pointer, JsonNode node, List<String> violations) {
        Schema schema = schemas.computeIfAbsent(pointer,
                p -> registry.getSchema(SchemaLocation.of(iri + "#" + p)));
        for (Error error : schema.validate(node)) {
            violations.add(where + " at " + error.getInstanceLocation() + ": " + error.getMessage()
                    + " (schema " + name + "#" + pointer + ", " + error.getEvaluationPath() + ")");
        }
    }

    /** A parameter's text as the JSON value its schema types it as. */
    private static JsonNode scalar(String value, JsonNode schema) {
        String type = schema.path("type").asString("");
        try {
            return switch (type) {
                case "integer" -> JsonNodeFactory.instance.numberNode(Long.parseLong(value));
                case "number" -> JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value));
                case "boolean" -> "true".equals(value) || "false".equals(value)
                        ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value))
                        : JsonNodeFactory.instance.stringNode(value);
                default -> JsonNodeFactory.instance.stringNode(value);
            };
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.stringNode(value);
        }
    }

    private Ref resolve(Ref ref) {
        Ref current = ref;
        for (int hops = 0; current.node.has("$ref") && hops < 8; hops++) {
            String target = current.node.path("$ref").asString();
            if (!target.startsWith("#/")) {
                throw new IllegalStateException("Only local references are supported: " + target);
            }
            String pointer = target.substring(1);
            current = new Ref(pointer, document.at(pointer));
        }
        return current;
    }

    /** The media type matches, and each parameter the contract names ({@code version=0.0.4}) is sent. */
    private static boolean matches(String declared, String contentType) {
        String base = mediaType(declared);
        String media = mediaType(contentType);
        boolean type = base.equals(media) || base.equals("*/*")
                || base.endsWith("/*") && media.startsWith(base.substring(0, base.length() - 1));
        return type && parameters(contentType).containsAll(parameters(declared));
    }

    private static java.util.Set<String> parameters(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        java.util.Set<String> parameters = new java.util.HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            parameters.add(parts[i].trim());
        }
        return parameters;
    }

    private static boolean isJson(String media) {
        return media.equals("application/json") || media.endsWith("+json");
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static List<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    private static String pathOf(Exchange exchange) {
        String target = exchange.pathAndQuery();
        int question = target.indexOf('?');
        return question < 0 ? target : target.substring(0, question);
    }

    private static Map<String, List<String>> queryOf(String pathAndQuery) {
        Map<String, List<String>> query = new java.util.HashMap<>();
        int question = pathAndQuery.indexOf('?');
        if (question < 0) {
            return query;
        }
        for (String pair : pathAndQuery.substring(question + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A JSON Pointer token (RFC 6901) in a URI fragment (RFC 3986 §3.5): braces percent-encoded. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
    }

    /** Literal paths before templates, so {@code /me/devices} wins over {@code /me/{anything}}. */
    private static List<Template> templatesOf(JsonNode paths) {
        List<Template> templates = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            StringBuilder regex = new StringBuilder();
            int literals = 0;
            for (String segment : path.substring(1).split("/", -1)) {
                regex.append('/');
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    regex.append("([^/]+)");
                } else {
                    regex.append(Pattern.quote(segment));
                    literals++;
                }
            }
            templates.add(new Template(path, Pattern.compile(path.equals("/") ? "/" : regex.toString()), literals));
        }
        templates.sort(Comparator.comparingInt(Template::literals).reversed());
        return templates;
    }
}
