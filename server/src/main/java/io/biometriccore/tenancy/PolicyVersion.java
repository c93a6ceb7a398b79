package io.biometriccore.tenancy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One immutable version of a tenant's policy document (docs/policy.md).
 *
 * @param version      1, 2, ...; the highest is in force
 * @param canonical    the document's RFC 8785 canonical form, UTF-8: what is stored and hashed
 * @param sha256       base64url SHA-256 of {@code canonical}
 * @param author       who made it: a person or system the bank names, {@code tenant-api} for the tenant
 *                     {@code PUT}'s shortcut, {@code migration} for a version 1 from the tenant's old settings
 * @param restoredFrom for a rollback, the version whose content it restored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyVersion(String tenantId, int version, @JsonIgnore byte[] canonical, String sha256, String author,
        String reason, @Nullable Integer restoredFrom, Instant createdAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public PolicyVersion {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more");
        }
    }

    /** The document, as a JSON value. */
    @JsonProperty("document")
    public JsonNode document() {
        return JSON.readTree(new String(canonical, StandardCharsets.UTF_8));
    }
}
