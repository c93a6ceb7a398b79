package io.biometriccore.evidencetools;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to the members of a JSON object, naming the member by its path when it is missing or
 * mistyped ({@link Malformed}), so a check that cannot read its input fails with
 * {@link Reason#EVIDENCE_MALFORMED} and says which member.
 */
record Members(JsonNode node, String path) {

    /** A member a check needs is missing or of the wrong type or encoding. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    static Members of(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new Malformed(path + " is not a JSON object");
        }
        return new Members(node, path);
    }

    Members object(String name) {
        return of(present(name), at(name));
    }

    @Nullable Members optionalObject(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : of(value, at(name));
    }

    String text(String name) {
        JsonNode value = present(name);
        if (!value.isString()) {
            throw new Malformed(at(name) + " is not a string");
        }
        return value.stringValue();
    }

    @Nullable String optionalText(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : text(name);
    }

    boolean bool(String name) {
        JsonNode value = present(name);
        if (!value.isBoolean()) {
            throw new Malformed(at(name) + " is not true or false");
        }
        return value.booleanValue();
    }

    long number(String name) {
        JsonNode value = present(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Malformed(at(name) + " is not an integer");
        }
        return value.longValue();
    }

    byte[] binary(String name) {
        try {
            return BASE64URL.decode(text(name));
        } catch (IllegalArgumentException e) {
            throw new Malformed(at(name) + " is not base64url");
        }
    }

    byte @Nullable [] optionalBinary(String name) {
        return node.get(name) == null || node.get(name).isNull() ? null : binary(name);
    }

    List<String> texts(String name) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : array(name)) {
            if (!item.isString()) {
                throw new Malformed(at(name) + " holds a value that is not a string");
            }
            texts.add(item.stringValue());
        }
        return texts;
    }

    List<byte[]> binaries(String name) {
        List<byte[]> values = new ArrayList<>();
        for (String text : texts(name)) {
            try {
                values.add(BASE64URL.decode(text));
            } catch (IllegalArgumentException e) {
                throw new Malformed(at(name) + " holds a value that is not base64url");
            }
        }
        return values;
    }

    List<Members> objects(String name) {
        List<Members> objects = new ArrayList<>();
        JsonNode array = array(name);
        for (int i = 0; i < array.size(); i++) {
            objects.add(of(array.get(i), at(name) + "[" + i + "]"));
        }
        return objects;
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    JsonNode present(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new Malformed(at(name) + " is missing");
        }
        return value;
    }

    private JsonNode array(String name) {
        JsonNode value = present(name);
        if (!value.isArray()) {
            throw new Malformed(at(name) + " is not an array");
        }
        return value;
    }

    private String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
