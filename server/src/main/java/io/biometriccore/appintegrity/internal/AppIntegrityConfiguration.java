package io.biometriccore.appintegrity.internal;

import io.biometriccore.appintegrity.AndroidKeyAttestation;
import io.biometriccore.appintegrity.AppleAppAttest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The app integrity verifiers, with the configured roots or the platforms' own. */
@Configuration(proxyBeanMethods = false)
class AppIntegrityConfiguration {

    static final String APPLE_ROOT = "apple-app-attestation-root-ca.pem";
    static final String ANDROID_ROOTS = "google-hardware-attestation-roots.pem";

    @Bean
    AppleAppAttest appleAppAttest(AppIntegrityProperties properties, Clock clock) {
        List<X509Certificate> roots = certificates(properties.appleRoot(), APPLE_ROOT);
        if (roots.size() != 1) {
            throw new IllegalArgumentException("biometric.app-integrity.apple-root must hold exactly one certificate");
        }
        return new AppAttestVerifier(roots.getFirst(), clock);
    }

    @Bean
    AndroidKeyAttestation androidKeyAttestation(AppIntegrityProperties properties, Clock clock) {
        AttestationStatusList statusList = new AttestationStatusList(properties.androidStatusList());
        return new KeyAttestationVerifier(
                new KeyAttestationChains(certificates(properties.androidRoots(), ANDROID_ROOTS), statusList), clock);
    }

    /** The certificates of {@code file}, or of the shipped resource when it is not set. */
    static List<X509Certificate> certificates(@Nullable Path file, String resource) {
        try (InputStream in = file != null ? Files.newInputStream(file)
                : AppIntegrityConfiguration.class.getResourceAsStream("/io/biometriccore/appintegrity/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("The shipped " + resource + " is missing from the build");
            }
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + (file != null ? file : resource), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException((file != null ? file : resource) + " is not X.509 certificates", e);
        }
    }
}
