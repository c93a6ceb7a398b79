package io.biometriccore.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Security;
import java.security.Signature;
import org.junit.jupiter.api.Test;

class CryptoProvidersTests {

    @Test
    void theNativeProviderComesFirstWhereItLoads() throws Exception {
        CryptoProviders.Choice choice = CryptoProviders.install("accp", AmazonCorrettoCryptoProvider.INSTANCE, null);

        assertThat(choice.provider()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(Security.getProviders()[0]).isSameAs(AmazonCorrettoCryptoProvider.INSTANCE);
        assertThat(Signature.getInstance("SHA256withECDSA").getProvider()).isSameAs(AmazonCorrettoCryptoProvider.INSTANCE);
        assertThat(CryptoProviders.install("accp", AmazonCorrettoCryptoProvider.INSTANCE, null).provider())
                .as("installing twice keeps one copy").isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(java.util.Arrays.stream(Security.getProviders()).filter(p -> p == AmazonCorrettoCryptoProvider.INSTANCE))
                .hasSize(1);
    }

    @Test
    void whereTheNativeLibraryCannotLoadTheJdkServesAndSaysWhy() {
        CryptoProviders.Choice choice = CryptoProviders.install("accp", AmazonCorrettoCryptoProvider.INSTANCE,
                new UnsatisfiedLinkError("no libamazonCorrettoCryptoProvider in java.library.path"));

        assertThat(choice.provider()).isEqualTo("jdk");
        assertThat(choice.reason()).contains("could not load here").contains("no libamazonCorrettoCryptoProvider");
    }

    @Test
    void theJdkCanBeChosenOnPurpose() {
        assertThat(CryptoProviders.install("jdk", AmazonCorrettoCryptoProvider.INSTANCE, null).provider()).isEqualTo("jdk");
    }

    @Test
    void anUnknownChoiceStopsTheServer() {
        assertThatThrownBy(() -> CryptoProviders.install("openssl", AmazonCorrettoCryptoProvider.INSTANCE, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'accp' or 'jdk', not openssl");
    }
}
