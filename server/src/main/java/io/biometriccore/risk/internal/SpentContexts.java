package io.biometriccore.risk.internal;

import static io.biometriccore.shared.SqlTimes.utc;

import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.ExpiredRows.Purge;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code risk_context_jti}: the {@code jti} of each bank context accepted, in the system of record so
 * that a context is used once whichever node it reaches. Rows go once their context has expired.
 */
@Repository
class SpentContexts {

    private final JdbcClient jdbc;

    SpentContexts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the tenant's context {@code jti} was spent before */
    boolean spend(String tenantId, String jti, Instant keepUntil) {
        return jdbc.sql("""
                INSERT INTO risk_context_jti (id, tenant_id, expires_at) VALUES (:id, :tenant, :expires)
                ON CONFLICT DO NOTHING""")
                .param("id", id(tenantId, jti)).param("tenant", tenantId).param("expires", utc(keepUntil))
                .update() > 0;
    }

    private static String id(String tenantId, String jti) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((tenantId + "\n" + jti).getBytes(StandardCharsets.UTF_8));
            return Base64Url.encode(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** The purge of spent contexts (ADR 0026). */
    @Configuration(proxyBeanMethods = false)
    static class Purges {

        @Bean
        Purge riskContextJtiRows() {
            return new Purge("risk_context_jti", "id", "expires_at");
        }
    }
}
