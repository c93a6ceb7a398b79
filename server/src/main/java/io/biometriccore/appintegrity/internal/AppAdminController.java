package io.biometriccore.appintegrity.internal;

import io.biometriccore.appintegrity.AndroidApp;
import io.biometriccore.appintegrity.AppleApp;
import io.biometriccore.appintegrity.SecurityLevel;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenants;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/tenants/{tenantId}/apps}: the tenant's iOS and Android apps whose attestations the
 * device routes take, behind the admin key. A {@code PUT} replaces them all and is audited.
 */
@RestController
@RequestMapping(path = "/v1/admin/tenants/{tenantId}/apps", produces = MediaType.APPLICATION_JSON_VALUE)
class AppAdminController {

    private final TenantApps apps;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;

    AppAdminController(TenantApps apps, Tenants tenants, ApplicationEventPublisher events) {
        this.apps = apps;
        this.tenants = tenants;
        this.events = events;
    }

    record IosApp(@Nullable String teamId, @Nullable String bundleId, @Nullable Boolean developmentAccepted) {
    }

    /** @param minimumSecurityLevel {@code tee} (the default), {@code strongbox}, or {@code software} to accept software keys */
    record AndroidAppView(@Nullable String packageName, @Nullable List<String> signingCertificateDigests,
            @Nullable String minimumSecurityLevel) {
    }

    record Apps(@Nullable List<IosApp> ios, @Nullable List<AndroidAppView> android) {
    }

    @GetMapping
    @Transactional(readOnly = true)
    Apps list(@PathVariable String tenantId) {
        tenants.require(tenantId);
        return view(apps.list(tenantId));
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    Apps replace(@PathVariable String tenantId, @RequestBody Apps body) {
        tenants.require(tenantId);
        TenantApps.Registered registered = registered(body);
        apps.replace(tenantId, registered);
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.TENANT_APPS_CHANGED)
                .reason("ios_" + registered.apple().size() + ":android_" + registered.android().size()).build());
        return view(registered);
    }

    private static TenantApps.Registered registered(Apps body) {
        try {
            List<AppleApp> apple = body.ios() == null ? List.of() : body.ios().stream()
                    .map(a -> new AppleApp(required(a.teamId(), "teamId"), required(a.bundleId(), "bundleId"),
                            Boolean.TRUE.equals(a.developmentAccepted()))).toList();
            List<TenantApps.AndroidRule> android = body.android() == null ? List.of() : body.android().stream()
                    .map(a -> new TenantApps.AndroidRule(new AndroidApp(required(a.packageName(), "packageName"),
                            a.signingCertificateDigests() == null ? Set.of() : Set.copyOf(a.signingCertificateDigests())),
                            minimum(a.minimumSecurityLevel()))).toList();
            if (apple.stream().map(AppleApp::appId).distinct().count() < apple.size()
                    || android.stream().map(r -> r.app().packageName()).distinct().count() < android.size()) {
                throw new IllegalArgumentException("an app is listed twice");
            }
            return new TenantApps.Registered(apple, android);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, e.getMessage());
        }
    }

    private static SecurityLevel minimum(@Nullable String level) {
        return switch (level == null ? "tee" : level) {
            case "software" -> SecurityLevel.SOFTWARE;
            case "tee" -> SecurityLevel.TEE;
            case "strongbox" -> SecurityLevel.STRONGBOX;
            default -> throw new IllegalArgumentException("minimumSecurityLevel must be software, tee or strongbox");
        };
    }

    private static String required(@Nullable String value, String member) {
        if (value == null) {
            throw new IllegalArgumentException(member + " is required");
        }
        return value;
    }

    private static Apps view(TenantApps.Registered registered) {
        return new Apps(registered.apple().stream()
                .map(a -> new IosApp(a.teamId(), a.bundleId(), a.developmentAccepted())).toList(),
                registered.android().stream().map(r -> new AndroidAppView(r.app().packageName(),
                        r.app().signingCertificateDigests().stream().sorted().toList(), r.minimum().wireName())).toList());
    }
}
