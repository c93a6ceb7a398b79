package io.biometriccore.webhooks.internal;

import io.biometriccore.keys.KeyProvider;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.BankNotification;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.Secrets;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenants;
import io.biometriccore.webhooks.WebhookProblem;
import io.biometriccore.webhooks.WebhookUrl;
import io.biometriccore.webhooks.internal.Outbox.Summary;
import io.biometriccore.webhooks.internal.TenantWebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administration of a tenant's webhook. Each change is audited in its own transaction; a secret
 * is generated here, answered once, and stored only wrapped by the tenant's key-encryption key.
 */
@Component
class WebhookSettings {

    static final String SECRET_PREFIX = "whsec_";

    /** What the configuration answers; {@code secret} only when one was just generated. */
    record Configured(Webhook webhook, Optional<String> secret, boolean created) {
    }

    private final TenantWebhooks webhooks;
    private final Outbox outbox;
    private final Tenants tenants;
    private final KeyProvider keyProvider;
    private final WebhookProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WebhookSettings(TenantWebhooks webhooks, Outbox outbox, Tenants tenants, KeyProvider keyProvider,
            WebhookProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.tenants = tenants;
        this.keyProvider = keyProvider;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Creates the webhook with a new secret, or replaces its URL and types (the secret stays). */
    @Transactional
    Configured configure(String tenantId, @Nullable String url, @Nullable List<String> types) {
        tenants.require(tenantId);
        WebhookUrl target = WebhookUrl.parse(url, properties.allowHttp());
        Set<BankNotificationType> subscribed = types(types);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Webhook> existing = webhooks.find(tenantId);
        Optional<String> secret = Optional.empty();
        if (existing.isPresent()) {
            webhooks.update(tenantId, target.uri(), subscribed, now);
        } else {
            secret = Optional.of(Secrets.generate(SECRET_PREFIX));
            webhooks.insert(new Webhook(tenantId, UUID.randomUUID(), target.uri(), subscribed,
                    wrap(tenantId, secret.get()), now, null, null), now);
        }
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.WEBHOOK_CONFIGURED)
                .reason(existing.isPresent() ? "updated" : "created").build());
        return new Configured(require(tenantId), secret, existing.isEmpty());
    }

    @Transactional(readOnly = true)
    Webhook webhook(String tenantId) {
        tenants.require(tenantId);
        return require(tenantId);
    }

    @Transactional(readOnly = true)
    Summary summary(Webhook webhook) {
        return outbox.summary(webhook.tenantId(), webhook.id());
    }

    /** Removes the webhook; what it had not delivered is never sent, to it or to a later one. */
    @Transactional
    void remove(String tenantId) {
        tenants.require(tenantId);
        if (!webhooks.delete(tenantId)) {
            throw notFound();
        }
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.WEBHOOK_REMOVED).build());
    }

    /** A new secret signs every delivery from now on, retries of earlier notifications included. */
    @Transactional
    String rotateSecret(String tenantId) {
        tenants.require(tenantId);
        require(tenantId);
        String secret = Secrets.generate(SECRET_PREFIX);
        webhooks.replaceSecret(tenantId, wrap(tenantId, secret), clock.instant());
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.WEBHOOK_SECRET_ROTATED).build());
        return secret;
    }

    /** Enqueues a {@code webhook.test} notification through the same outbox as every other. */
    @Transactional
    void test(String tenantId) {
        tenants.require(tenantId);
        require(tenantId);
        events.publishEvent(new BankNotification(tenantId, BankNotificationType.WEBHOOK_TEST, "webhook-test",
                Map.of("message", "A test delivery requested by an administrator")));
    }

    private Webhook require(String tenantId) {
        return webhooks.find(tenantId).orElseThrow(WebhookSettings::notFound);
    }

    private byte[] wrap(String tenantId, String secret) {
        return keyProvider.wrap(tenantId, secret.getBytes(StandardCharsets.UTF_8));
    }

    private static Set<BankNotificationType> types(@Nullable List<String> wire) {
        Set<BankNotificationType> types = EnumSet.noneOf(BankNotificationType.class);
        List<String> names = wire == null ? List.of() : wire;
        for (int i = 0; i < names.size(); i++) {
            types.add(type(names.get(i)).orElseThrow(problem(i)));
        }
        return types;
    }

    private static Optional<BankNotificationType> type(@Nullable String wireName) {
        return Arrays.stream(BankNotificationType.values()).filter(t -> t.wireName().equals(wireName)).findFirst();
    }

    private static Supplier<ApiException> problem(int index) {
        return () -> new ApiException(CommonProblem.INVALID_REQUEST, "types[" + index + "] is not a notification type");
    }

    private static ApiException notFound() {
        return new ApiException(WebhookProblem.WEBHOOK_NOT_FOUND, "The tenant has no webhook");
    }
}
