package io.biometriccore.crosschannel.internal;

import io.biometriccore.shared.ExpiredRows.Purge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cross-channel requests go once expired, whatever their state: a browser still polling within the
 * grace period is told {@code expired}, after it {@code cross_channel_not_found} (ADR 0026).
 */
@Configuration(proxyBeanMethods = false)
class CrossChannelPurges {

    @Bean
    Purge expiredCrossChannelRequests() {
        return new Purge("cross_channel_request", "id", "expires_at");
    }
}
