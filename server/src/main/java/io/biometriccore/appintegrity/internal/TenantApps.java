package io.biometriccore.appintegrity.internal;

import io.biometriccore.appintegrity.AndroidApp;
import io.biometriccore.appintegrity.AppleApp;
import io.biometriccore.appintegrity.SecurityLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code tenant_app}: the tenant's iOS and Android apps, whose attestations the routes take. */
@Repository
class TenantApps {

    /** A tenant has this many apps at most: its retail and business apps on two platforms, never a growing list. */
    static final int MAX_APPS = 20;

    /** An Android app with the least security level its keys must have. */
    record AndroidRule(AndroidApp app, SecurityLevel minimum) {
        AndroidRule {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(minimum, "minimum");
            if (minimum == SecurityLevel.SECURE_ENCLAVE) {
                throw new IllegalArgumentException("an Android app's minimum is software, tee or strongbox");
            }
        }
    }

    /** The tenant's apps, each platform's in the app id's order. */
    record Registered(List<AppleApp> apple, List<AndroidRule> android) {
        Registered {
            apple = List.copyOf(apple);
            android = List.copyOf(android);
            if (apple.size() + android.size() > MAX_APPS) {
                throw new IllegalArgumentException("a tenant has at most " + MAX_APPS + " apps");
            }
        }
    }

    private final JdbcClient jdbc;

    TenantApps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Registered list(String tenantId) {
        List<Object> apps = jdbc.sql("SELECT * FROM tenant_app WHERE tenant_id = :tenant ORDER BY app_id LIMIT :max")
                .param("tenant", tenantId).param("max", MAX_APPS).query(TenantApps::app).list();
        return new Registered(apps.stream().filter(AppleApp.class::isInstance).map(AppleApp.class::cast).toList(),
                apps.stream().filter(AndroidRule.class::isInstance).map(AndroidRule.class::cast).toList());
    }

    Optional<AppleApp> apple(String tenantId, String appId) {
        return find(tenantId, appId).filter(AppleApp.class::isInstance).map(AppleApp.class::cast);
    }

    Optional<AndroidRule> android(String tenantId, String packageName) {
        return find(tenantId, packageName).filter(AndroidRule.class::isInstance).map(AndroidRule.class::cast);
    }

    /** Replaces the tenant's apps with {@code apps}; in the caller's transaction. */
    void replace(String tenantId, Registered apps) {
        jdbc.sql("DELETE FROM tenant_app WHERE tenant_id = :tenant").param("tenant", tenantId).update();
        apps.apple().forEach(app -> insert(tenantId, app.appId(), "ios", app.developmentAccepted(), null, null));
        apps.android().forEach(rule -> insert(tenantId, rule.app().packageName(), "android", false,
                String.join(",", rule.app().signingCertificateDigests().stream().sorted().toList()),
                rule.minimum().wireName()));
    }

    private Optional<Object> find(String tenantId, String appId) {
        return jdbc.sql("SELECT * FROM tenant_app WHERE tenant_id = :tenant AND app_id = :app")
                .param("tenant", tenantId).param("app", appId).query(TenantApps::app).optional();
    }

    private void insert(String tenantId, String appId, String platform, boolean developmentAccepted,
            @Nullable String digests, @Nullable String minimum) {
        jdbc.sql("""
                INSERT INTO tenant_app (tenant_id, app_id, platform, development_accepted, signing_digests,
                    minimum_security_level) VALUES (:tenant, :app, :platform, :development, :digests, :minimum)""")
                .param("tenant", tenantId).param("app", appId).param("platform", platform)
                .param("development", developmentAccepted).param("digests", digests).param("minimum", minimum).update();
    }

    private static Object app(ResultSet rs, int row) throws SQLException {
        String appId = rs.getString("app_id");
        if (rs.getString("platform").equals("ios")) {
            int dot = appId.indexOf('.');
            return new AppleApp(appId.substring(0, dot), appId.substring(dot + 1), rs.getBoolean("development_accepted"));
        }
        return new AndroidRule(new AndroidApp(appId,
                new LinkedHashSet<>(Arrays.asList(rs.getString("signing_digests").split(",")))),
                SecurityLevel.valueOf(rs.getString("minimum_security_level").toUpperCase(Locale.ROOT)));
    }
}
