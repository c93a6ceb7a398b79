package io.biometriccore.appintegrity;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A bank's Android app as key attestation names it.
 *
 * @param packageName                the application id ({@code com.bank.app})
 * @param signingCertificateDigests  SHA-256 digests of the app's signing certificates, hex; every digest
 *                                   an attestation lists must be one of these
 */
public record AndroidApp(String packageName, Set<String> signingCertificateDigests) {

    public AndroidApp {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(signingCertificateDigests, "signingCertificateDigests");
        if (!packageName.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+") || packageName.length() > 255) {
            throw new IllegalArgumentException("packageName must be an Android application id");
        }
        if (signingCertificateDigests.isEmpty()
                || !signingCertificateDigests.stream().allMatch(digest -> digest.matches("[0-9A-Fa-f]{64}"))) {
            throw new IllegalArgumentException("signingCertificateDigests must be one or more SHA-256 digests in hex");
        }
        signingCertificateDigests = signingCertificateDigests.stream()
                .map(digest -> digest.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether {@code digest} (raw bytes) is one of the app's signing certificate digests. */
    public boolean signedWith(byte[] digest) {
        return signingCertificateDigests.contains(HexFormat.of().formatHex(digest));
    }
}
