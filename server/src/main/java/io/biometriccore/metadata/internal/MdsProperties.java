package io.biometriccore.metadata.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code biometric.mds}: where the deployment's FIDO MDS3 BLOB comes from and how it is trusted.
 * Without {@code source} no BLOB is loaded and nothing is trusted from metadata.
 *
 * @param source           an {@code https://} URL (the FIDO Alliance's is {@code https://mds3.fidoalliance.org/}),
 *                         or a file path or {@code file:} URL
 * @param rootCertificate  PEM or DER file of the root the BLOB's x5c chain must end at (FIDO's "Global
 *                         Root CA - R3" for the real service); required with {@code source}
 * @param grace            how long past {@code nextUpdate} a BLOB stays in force, with health degraded
 * @param refreshInterval  how often a node checks whether its BLOB is due (or a newer one is stored)
 * @param revocationCheck  check the x5c chain's revocation (CRLs) as webauthn4j does by default
 * @param staleIsDown      report health DOWN rather than DEGRADED while no BLOB is in force
 */
@ConfigurationProperties(prefix = "biometric.mds")
public record MdsProperties(@Nullable String source, @Nullable Path rootCertificate,
        @DefaultValue("P7D") Duration grace, @DefaultValue("PT1H") Duration refreshInterval,
        @DefaultValue("true") boolean revocationCheck, @DefaultValue("false") boolean staleIsDown) {

    public MdsProperties {
        if (source != null && rootCertificate == null) {
            throw new IllegalArgumentException("biometric.mds.root-certificate is required with biometric.mds.source");
        }
        if (grace.isNegative() || refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("biometric.mds.grace and refresh-interval must not be negative");
        }
    }

    boolean configured() {
        return source != null;
    }
}
