package io.biometriccore.sessions.internal;

import io.biometriccore.shared.ExpiredRows.Dependent;
import io.biometriccore.shared.ExpiredRows.Purge;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A session and its refresh-token family go once its absolute lifetime has passed, revoked or not:
 * until then a rotated token's reuse is still detected and still revokes the family, and after it no
 * token of the family can be used anyway. The sessions listings show active sessions only, and the
 * activity feed is the audit log's, so nothing reads a session past its absolute expiry (ADR 0026).
 */
@Configuration(proxyBeanMethods = false)
class SessionPurges {

    @Bean
    Purge expiredSessions() {
        return new Purge("auth_session", "id", "absolute_expires_at",
                List.of(new Dependent("refresh_token", "session_id")));
    }
}
