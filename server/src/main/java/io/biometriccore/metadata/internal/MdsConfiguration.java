package io.biometriccore.metadata.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MDS3 wiring: without {@code biometric.mds.source} the BLOBs stay empty and nothing is loaded. */
@Configuration(proxyBeanMethods = false)
class MdsConfiguration {

    @Bean
    MetadataBlobs metadataBlobs(MdsProperties properties, StoredBlobs stored, MdsEvents events, Clock clock) {
        Path root = properties.rootCertificate();
        BlobVerifier verifier = properties.configured() && root != null
                ? new BlobVerifier(readRoot(root), properties.revocationCheck()) : null;
        return new MetadataBlobs(properties, verifier, stored, events, clock);
    }

    @Bean
    MdsRefresher mdsRefresher(MetadataBlobs blobs, Clock clock) {
        return new MdsRefresher(blobs, clock);
    }

    /** Named {@code mds} in the management health. */
    @Bean
    HealthIndicator mdsHealthIndicator(MetadataBlobs blobs, MdsProperties properties, Clock clock) {
        return new MdsHealth(blobs, properties, clock);
    }

    private static X509Certificate readRoot(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read biometric.mds.root-certificate " + file, e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("biometric.mds.root-certificate is not an X.509 certificate", e);
        }
    }
}
