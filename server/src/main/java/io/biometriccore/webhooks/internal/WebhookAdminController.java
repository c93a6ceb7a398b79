package io.biometriccore.webhooks.internal;

import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.webhooks.internal.Outbox.Summary;
import io.biometriccore.webhooks.internal.TenantWebhooks.Webhook;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/tenants/{tenantId}/webhook}: a tenant's event webhook, behind the admin key. No
 * answer ever carries the secret, except the one that generated it.
 */
@RestController
@RequestMapping(path = "/v1/admin/tenants/{tenantId}/webhook", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookAdminController {

    private final WebhookSettings settings;

    WebhookAdminController(WebhookSettings settings) {
        this.settings = settings;
    }

    /** @param types wire names of {@link BankNotificationType}; absent or empty for all */
    record ConfigureWebhook(@Nullable String url, @Nullable List<String> types) {
    }

    /** The webhook just created, with its secret: shown this once and never again. */
    record CreatedWebhook(String url, List<String> types, Instant createdAt, String secret) {
    }

    /** A new secret: shown this once and never again. */
    record RotatedSecret(String secret) {
    }

    /**
     * The webhook without its secret, and its delivery: undelivered rows, dead letters, and the last
     * attempt's time and HTTP status (0: the receiver did not answer).
     */
    record WebhookView(String url, List<String> types, Instant createdAt, long backlog, long deadLetters,
            @Nullable Instant lastAttemptAt, @Nullable Integer lastStatus) {

        static WebhookView of(Webhook webhook, Summary summary) {
            return new WebhookView(webhook.url().toString(), wire(webhook), webhook.createdAt(), summary.backlog(),
                    summary.deadLetters(), webhook.lastAttemptAt(), webhook.lastStatus());
        }
    }

    /** 201 with the generated secret when the webhook was created, 200 when its URL and types were replaced. */
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> configure(@PathVariable String tenantId, @RequestBody ConfigureWebhook body) {
        WebhookSettings.Configured configured = settings.configure(tenantId, body.url(), body.types());
        Webhook webhook = configured.webhook();
        if (configured.secret().isPresent()) {
            return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                    .body(new CreatedWebhook(webhook.url().toString(), wire(webhook), webhook.createdAt(),
                            configured.secret().get()));
        }
        return ResponseEntity.ok(WebhookView.of(webhook, settings.summary(webhook)));
    }

    @GetMapping
    WebhookView get(@PathVariable String tenantId) {
        Webhook webhook = settings.webhook(tenantId);
        return WebhookView.of(webhook, settings.summary(webhook));
    }

    @DeleteMapping
    ResponseEntity<Void> delete(@PathVariable String tenantId) {
        settings.remove(tenantId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/secret")
    ResponseEntity<RotatedSecret> rotateSecret(@PathVariable String tenantId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new RotatedSecret(settings.rotateSecret(tenantId)));
    }

    /** 202: a {@code webhook.test} notification is in the outbox; the delivery follows. */
    @PostMapping("/test")
    ResponseEntity<Void> test(@PathVariable String tenantId) {
        settings.test(tenantId);
        return ResponseEntity.accepted().build();
    }

    private static List<String> wire(Webhook webhook) {
        return webhook.types().stream().sorted().map(BankNotificationType::wireName).toList();
    }
}
