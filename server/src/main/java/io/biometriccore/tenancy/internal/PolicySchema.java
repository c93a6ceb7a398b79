package io.biometriccore.tenancy.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * api/policy.schema.json (JSON Schema 2020-12), as the server ships it, through networknt's
 * json-schema-validator: each error names the JSON pointer (RFC 6901) of the member at fault.
 */
@Component
public class PolicySchema {

    private static final String RESOURCE = "/io/biometriccore/contract/policy.schema.json";

    private final Schema schema;

    PolicySchema() {
        try (InputStream in = Objects.requireNonNull(PolicySchema.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
        } catch (IOException e) {
            throw new UncheckedIOException("The policy schema could not be read", e);
        }
    }

    /** @throws PolicyDocuments.Invalid with every error, unless {@code document} is valid */
    public void requireValid(JsonNode document) {
        List<PolicyDocuments.Violation> violations = schema.validate(document).stream()
                .map(e -> new PolicyDocuments.Violation(pointer(e), e.getMessage())).distinct().toList();
        if (!violations.isEmpty()) {
            throw new PolicyDocuments.Invalid(violations);
        }
    }

    /** The instance location, and for an unknown member the member itself. */
    private static String pointer(Error error) {
        StringBuilder pointer = new StringBuilder();
        NodePath path = error.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
            pointer.append('/').append(escape(error.getProperty()));
        }
        return pointer.toString();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
