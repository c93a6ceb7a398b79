package io.biometriccore.appintegrity.internal;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code biometric.app-integrity}: what app attestations are verified against. Each root left unset is
 * the platform's own, shipped with the server.
 *
 * @param appleRoot          PEM or DER file of the App Attest root; default Apple's "Apple App Attestation Root CA"
 * @param androidRoots       PEM file of one or more Android attestation roots; default Google's hardware
 *                           attestation roots (the RSA root of 2022 and the EC "Key Attestation CA1")
 * @param androidStatusList  the deployment's copy of https://android.googleapis.com/attestation/status,
 *                           read again whenever it changes; without it no certificate counts as revoked
 */
@ConfigurationProperties(prefix = "biometric.app-integrity")
record AppIntegrityProperties(@Nullable Path appleRoot, @Nullable Path androidRoots, @Nullable Path androidStatusList) {
}
