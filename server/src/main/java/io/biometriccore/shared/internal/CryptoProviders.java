package io.biometriccore.shared.internal;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Puts Amazon Corretto Crypto Provider (AWS-LC, native) first among the JCA providers before the
 * application context starts, so that webauthn4j's signature checks and Nimbus's token signatures,
 * which ask JCA for an algorithm without naming a provider, run on it: by the JMH figures in ADR 19 it
 * signs and verifies ES256 several times faster than the JDK's SunEC. Where its native library cannot
 * load (another OS or CPU), the server keeps the JDK's providers and says so.
 * {@code biometric.crypto.provider=jdk} keeps them on purpose.
 */
class CryptoProviders implements EnvironmentPostProcessor, Ordered {

    /** What was chosen, and why. */
    record Choice(String provider, String reason) {
    }

    private final Log log;

    CryptoProviders(DeferredLogFactory logs) {
        this.log = logs.getLog(CryptoProviders.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("biometric.crypto.provider", "accp");
        Choice choice = install(configured, AmazonCorrettoCryptoProvider.INSTANCE,
                AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError());
        if (configured.equals("accp") && choice.provider().equals("jdk")) {
            log.warn(choice.reason() + "; the JDK's providers serve all cryptography, more slowly");
        } else {
            log.info("Cryptography: " + choice.provider() + " (" + choice.reason() + ")");
        }
    }

    /** After the configuration files are read, so that {@code biometric.crypto.provider} is known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static Choice install(String configured, Provider accp, @Nullable Throwable loadingError) {
        return switch (configured) {
            case "jdk" -> new Choice("jdk", "biometric.crypto.provider=jdk");
            case "accp" -> loadingError == null ? first(accp)
                    : new Choice("jdk", "Amazon Corretto Crypto Provider could not load here: " + loadingError);
            default -> throw new IllegalStateException(
                    "biometric.crypto.provider must be 'accp' or 'jdk', not " + configured);
        };
    }

    private static Choice first(Provider accp) {
        Provider[] providers = Security.getProviders();
        if (providers.length == 0 || providers[0] != accp) {
            Security.removeProvider(accp.getName());
            Security.insertProviderAt(accp, 1);
        }
        return new Choice(accp.getName(), "native AWS-LC, first among the JCA providers");
    }
}
