package io.biometriccore.risk.internal;

import io.biometriccore.risk.internal.ExternalEngines.Engine;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/tenants/{tenantId}/risk/engine}: a tenant's external risk engine, behind the admin
 * key. No answer ever carries the secret, except the one that generated it.
 */
@RestController
@RequestMapping(path = "/v1/admin/tenants/{tenantId}/risk/engine", produces = MediaType.APPLICATION_JSON_VALUE)
class ExternalEngineAdminController {

    private final ExternalEngineSettings settings;
    private final ExternalEngineCalls calls;

    ExternalEngineAdminController(ExternalEngineSettings settings, ExternalEngineCalls calls) {
        this.settings = settings;
        this.calls = calls;
    }

    /**
     * @param timeout  an ISO 8601 duration, at most PT2S; PT1S when left out
     * @param fallback {@code step_up} (when left out), {@code deny} or {@code allow}
     */
    record ConfigureEngine(@Nullable String url, @Nullable String timeout, @Nullable String fallback) {
    }

    /** The engine just created, with its secret: shown this once and never again. */
    record CreatedEngine(String url, String timeout, String fallback, Instant createdAt, String secret) {
    }

    /** The engine without its secret, and the state of its circuit breaker on the node that answers. */
    record EngineView(String url, String timeout, String fallback, Instant createdAt, Instant updatedAt,
            String circuit) {
    }

    /** 201 with the generated secret when the engine was created, 200 when its settings were replaced. */
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> configure(@PathVariable String tenantId, @RequestBody ConfigureEngine body) {
        ExternalEngineSettings.Configured configured = settings.configure(tenantId, body.url(), body.timeout(),
                body.fallback());
        Engine engine = configured.engine();
        if (configured.secret().isPresent()) {
            return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                    .body(new CreatedEngine(engine.url().toString(), engine.timeout().toString(),
                            engine.fallback().wireName(), engine.createdAt(), configured.secret().get()));
        }
        return ResponseEntity.ok(view(engine));
    }

    @GetMapping
    EngineView get(@PathVariable String tenantId) {
        return view(settings.engine(tenantId));
    }

    @DeleteMapping
    ResponseEntity<Void> delete(@PathVariable String tenantId) {
        settings.remove(tenantId);
        return ResponseEntity.noContent().build();
    }

    private EngineView view(Engine engine) {
        return new EngineView(engine.url().toString(), engine.timeout().toString(), engine.fallback().wireName(),
                engine.createdAt(), engine.updatedAt(), calls.circuit(engine.tenantId()));
    }
}
