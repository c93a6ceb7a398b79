package io.biometriccore.risk.internal;

import io.biometriccore.risk.NetworkLocator;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses how addresses are placed: MaxMind databases when {@code biometric.risk.geoip.city-database}
 * or {@code biometric.risk.geoip.asn-database} name {@code .mmdb} files (a file that cannot be read
 * stops the start), else {@link NoLocationDatabase}.
 */
@Configuration(proxyBeanMethods = false)
class LocationConfiguration {

    @Bean
    NetworkLocator networkLocator(@Value("${biometric.risk.geoip.city-database:}") String cityDatabase,
            @Value("${biometric.risk.geoip.asn-database:}") String asnDatabase) throws IOException {
        if (cityDatabase.isBlank() && asnDatabase.isBlank()) {
            return new NoLocationDatabase();
        }
        return MaxMindLocator.open(path(cityDatabase), path(asnDatabase));
    }

    private static @Nullable Path path(String property) {
        return property.isBlank() ? null : Path.of(property);
    }
}
