package io.biometriccore.risk.internal;

import io.biometriccore.risk.internal.ContextKeys.ContextKey;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/admin/tenants/{tenantId}/risk/context-keys}: the keys a bank signs its context with, behind the admin key. */
@RestController
@RequestMapping(path = "/v1/admin/tenants/{tenantId}/risk/context-keys", produces = MediaType.APPLICATION_JSON_VALUE)
class ContextKeyAdminController {

    private final ContextKeyAdministration administration;

    ContextKeyAdminController(ContextKeyAdministration administration) {
        this.administration = administration;
    }

    /** @param jwk the public EC P-256 JWK, with its {@code kid} */
    record AddContextKey(@Nullable Map<String, Object> jwk) {
    }

    /** A context key as registered: its public JWK only. */
    record ContextKeyView(String kid, Map<String, Object> jwk, Instant createdAt) {
        static ContextKeyView of(ContextKey key) {
            return new ContextKeyView(key.kid(), key.jwk().toJSONObject(), key.createdAt());
        }
    }

    record ContextKeyList(List<ContextKeyView> keys) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ContextKeyView> add(@PathVariable String tenantId, @RequestBody AddContextKey body) {
        ContextKeyView added = ContextKeyView.of(administration.add(tenantId, body.jwk()));
        return ResponseEntity.created(URI.create("/v1/admin/tenants/" + tenantId + "/risk/context-keys/" + added.kid()))
                .body(added);
    }

    @GetMapping
    ContextKeyList list(@PathVariable String tenantId) {
        return new ContextKeyList(administration.list(tenantId).stream().map(ContextKeyView::of).toList());
    }

    @DeleteMapping("/{kid}")
    ResponseEntity<Void> remove(@PathVariable String tenantId, @PathVariable String kid) {
        administration.remove(tenantId, kid);
        return ResponseEntity.noContent().build();
    }
}
