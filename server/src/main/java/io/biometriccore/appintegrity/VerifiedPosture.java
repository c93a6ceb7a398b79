package io.biometriccore.appintegrity;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an attestation proved about the app and the phone, at the time it was verified. A member left
 * {@code null} is one the platform does not attest (App Attest states no app version or patch level).
 *
 * @param appId        the App Attest app id ({@code <teamId>.<bundleId>}) or the Android package name
 * @param appVersion   the Android {@code versionCode} of the attested package
 * @param osPatchLevel the Android security patch level, {@code YYYYMM} (or {@code YYYYMMDD}) as attested
 * @param deviceLocked whether the Android bootloader is locked
 */
public record VerifiedPosture(Platform platform, SecurityLevel securityLevel, BootState bootState,
        @Nullable Boolean deviceLocked, String appId, @Nullable Long appVersion, @Nullable Integer osPatchLevel,
        Instant verifiedAt) {

    public VerifiedPosture {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(securityLevel, "securityLevel");
        Objects.requireNonNull(bootState, "bootState");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        if (appId.isBlank()) {
            throw new IllegalArgumentException("appId must not be blank");
        }
    }
}
