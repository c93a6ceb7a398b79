package io.biometriccore.keys.internal;

import io.biometriccore.keys.KeyProvider;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The keystore provider, unless another {@link KeyProvider} (an HSM) is configured. */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

    @Bean
    @ConditionalOnMissingBean(KeyProvider.class)
    KeyProvider keystoreKeyProvider(@Value("${biometric.keys.directory}") Path directory,
            @Value("${biometric.keys.keystore-password}") String password) {
        return new KeystoreKeyProvider(directory, password.toCharArray());
    }
}
