package io.biometriccore.risk.internal;

import io.biometriccore.keys.KeyProvider;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.risk.internal.ExternalEngines.Engine;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.Secrets;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.Tenants;
import io.biometriccore.webhooks.WebhookUrl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administration of a tenant's external risk engine. Each change is audited in its transaction,
 * its fallback named in the reason; the secret is generated here, answered once, and stored only
 * wrapped by the tenant's key-encryption key. The fallback is {@code step_up} unless the request names
 * another: {@code allow} is never a default.
 */
@Component
class ExternalEngineSettings {

    static final String SECRET_PREFIX = "rksec_";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    /** What the configuration answers; {@code secret} only when one was just generated. */
    record Configured(Engine engine, Optional<String> secret) {
    }

    private final ExternalEngines engines;
    private final ExternalEngineCalls calls;
    private final Tenants tenants;
    private final KeyProvider keyProvider;
    private final ExternalEngineProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExternalEngineSettings(ExternalEngines engines, ExternalEngineCalls calls, Tenants tenants,
            KeyProvider keyProvider, ExternalEngineProperties properties, ApplicationEventPublisher events,
            Clock clock) {
        this.engines = engines;
        this.calls = calls;
        this.tenants = tenants;
        this.keyProvider = keyProvider;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Creates the engine with a new secret, or replaces its URL, timeout and fallback (the secret stays). */
    @Transactional
    Configured configure(String tenantId, @Nullable String url, @Nullable String timeout, @Nullable String fallback) {
        tenants.require(tenantId);
        WebhookUrl target = WebhookUrl.parse(url, properties.allowHttp());
        Duration limit = timeout(timeout);
        RiskOutcome orElse = fallback(fallback);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        boolean existed = engines.find(tenantId).isPresent();
        Optional<String> secret = Optional.empty();
        if (existed) {
            engines.update(tenantId, target.uri(), limit, orElse, now);
        } else {
            secret = Optional.of(Secrets.generate(SECRET_PREFIX));
            engines.insert(new Engine(tenantId, target.uri(), limit, orElse,
                    keyProvider.wrap(tenantId, secret.get().getBytes(StandardCharsets.UTF_8)), now, now));
        }
        calls.forget(tenantId);
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.RISK_ENGINE_CONFIGURED)
                .reason((existed ? "updated" : "created") + ":fallback_" + orElse.wireName()).build());
        return new Configured(require(tenantId), secret);
    }

    @Transactional(readOnly = true)
    Engine engine(String tenantId) {
        tenants.require(tenantId);
        return require(tenantId);
    }

    /** Removes the engine: the tenant's attempts are judged by the built-in signals alone from now on. */
    @Transactional
    void remove(String tenantId) {
        tenants.require(tenantId);
        if (!engines.delete(tenantId)) {
            throw notFound();
        }
        calls.forget(tenantId);
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.RISK_ENGINE_REMOVED).build());
    }

    private Engine require(String tenantId) {
        return engines.find(tenantId).orElseThrow(ExternalEngineSettings::notFound);
    }

    private static Duration timeout(@Nullable String wire) {
        if (wire == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            Duration timeout = Duration.parse(wire);
            if (!timeout.isNegative() && timeout.toMillis() >= 1 && timeout.compareTo(ExternalEngines.MAX_TIMEOUT) <= 0) {
                return timeout;
            }
        } catch (DateTimeParseException e) {
            // answered below, as any other timeout out of range
        }
        throw new ApiException(CommonProblem.INVALID_REQUEST,
                "timeout must be an ISO 8601 duration from PT0.001S to " + ExternalEngines.MAX_TIMEOUT);
    }

    private static RiskOutcome fallback(@Nullable String wire) {
        if (wire == null) {
            return RiskOutcome.STEP_UP;
        }
        return ExternalEngines.outcome(wire).orElseThrow(() -> new ApiException(CommonProblem.INVALID_REQUEST,
                "fallback must be step_up, deny or allow"));
    }

    private static ApiException notFound() {
        return new ApiException(RiskProblem.RISK_ENGINE_NOT_FOUND, "The tenant has no external risk engine");
    }
}
