package io.biometriccore.admin.internal;

import io.biometriccore.backend.ApiKey;
import io.biometriccore.backend.ApiKeys;
import io.biometriccore.backend.NewApiKey;
import io.biometriccore.backend.Scope;
import io.biometriccore.keys.KeyPurpose;
import io.biometriccore.keys.KeyStatus;
import io.biometriccore.keys.PublishedKey;
import io.biometriccore.keys.SigningKeys;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.signing.EvidenceKeys;
import io.biometriccore.tenancy.Tenants;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's API keys (created, listed, revoked) and its token and evidence signing keys (listed, rotated). */
@RestController
@RequestMapping(path = "/v1/admin/tenants/{tenantId}", produces = MediaType.APPLICATION_JSON_VALUE)
class KeyAdminController {

    /** The default {@code purpose} of the signing-key routes. */
    private static final String TOKEN = "token";

    private final ApiKeys apiKeys;
    private final Sessions sessions;
    private final SigningKeys signingKeys;
    private final Tenants tenants;
    private final EvidenceKeys evidenceKeys;

    KeyAdminController(ApiKeys apiKeys, Sessions sessions, SigningKeys signingKeys, Tenants tenants,
            EvidenceKeys evidenceKeys) {
        this.evidenceKeys = evidenceKeys;
        this.apiKeys = apiKeys;
        this.sessions = sessions;
        this.signingKeys = signingKeys;
        this.tenants = tenants;
    }

    record CreateApiKey(@Nullable String name, @Nullable List<String> scopes) {
    }

    /** A key just created, with its secret: shown this once and never again. */
    record CreatedApiKey(String id, String name, Set<Scope> scopes, Instant createdAt, String key) {
    }

    /** A signing key without any private material. */
    record SigningKeyView(String kid, KeyStatus status, Instant createdAt, @Nullable Instant retiredAt,
            @Nullable Instant publishedUntil) {

        static SigningKeyView of(PublishedKey k) {
            return new SigningKeyView(k.kid(), k.status(), k.createdAt(), k.retiredAt(), k.publishedUntil());
        }
    }

    @PostMapping(path = "/api-keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedApiKey> createApiKey(@PathVariable String tenantId, @RequestBody CreateApiKey body) {
        Set<Scope> scopes = new HashSet<>();
        try {
            (body.scopes() == null ? List.<String>of() : body.scopes()).forEach(s -> scopes.add(Scope.fromWire(s)));
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, e.getMessage());
        }
        NewApiKey created = apiKeys.create(tenantId, body.name() == null ? "" : body.name(), scopes);
        ApiKey k = created.apiKey();
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore())
                .body(new CreatedApiKey(k.id(), k.name(), k.scopes(), k.createdAt(), created.key()));
    }

    @GetMapping("/api-keys")
    List<ApiKey> listApiKeys(@PathVariable String tenantId) {
        return apiKeys.list(tenantId);
    }

    @DeleteMapping("/api-keys/{keyId}")
    ApiKey revokeApiKey(@PathVariable String tenantId, @PathVariable String keyId) {
        return apiKeys.revoke(tenantId, keyId);
    }

    @GetMapping("/signing-keys")
    List<SigningKeyView> signingKeys(@PathVariable String tenantId,
            @RequestParam(defaultValue = TOKEN) String purpose) {
        List<PublishedKey> keys = switch (purpose(purpose)) {
            case TOKEN -> {
                tenants.require(tenantId);
                yield signingKeys.all(tenantId, KeyPurpose.TOKEN);
            }
            case EVIDENCE -> evidenceKeys.all(tenantId);
        };
        return keys.stream().map(SigningKeyView::of).toList();
    }

    /**
     * The active key retires and a new key signs: a token key stays in the JWKS while its tokens may
     * live, an evidence key while any evidence it signed is kept.
     */
    @PostMapping("/signing-keys/rotate")
    SigningKeyView rotateSigningKey(@PathVariable String tenantId,
            @RequestParam(defaultValue = TOKEN) String purpose) {
        return SigningKeyView.of(switch (purpose(purpose)) {
            case TOKEN -> sessions.rotateSigningKey(tenantId);
            case EVIDENCE -> evidenceKeys.rotate(tenantId);
        });
    }

    /** The purposes an administrator lists and rotates here; audit keys are the audit log's own. */
    private enum RotatablePurpose { TOKEN, EVIDENCE }

    private static RotatablePurpose purpose(String wire) {
        return switch (wire) {
            case TOKEN -> RotatablePurpose.TOKEN;
            case "evidence" -> RotatablePurpose.EVIDENCE;
            default -> throw new ApiException(CommonProblem.INVALID_REQUEST, "purpose must be token or evidence");
        };
    }
}
