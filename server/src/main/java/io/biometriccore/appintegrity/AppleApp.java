package io.biometriccore.appintegrity;

import java.util.Objects;

/**
 * A bank's iOS app as App Attest names it.
 *
 * @param teamId              the 10-character Apple developer team identifier
 * @param bundleId            the app's {@code CFBundleIdentifier}
 * @param developmentAccepted whether keys of App Attest's development environment (aaguid
 *                            {@code appattestdevelop}) are accepted besides production ({@code appattest})
 */
public record AppleApp(String teamId, String bundleId, boolean developmentAccepted) {

    public AppleApp {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(bundleId, "bundleId");
        if (!teamId.matches("[A-Z0-9]{10}")) {
            throw new IllegalArgumentException("teamId must be 10 upper-case letters or digits");
        }
        if (!bundleId.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+") || bundleId.length() > 155) {
            throw new IllegalArgumentException("bundleId must be a reverse-DNS identifier of at most 155 characters");
        }
    }

    /** The App Attest app id, {@code <teamId>.<bundleId>}: the RP ID whose hash the authenticator data carries. */
    public String appId() {
        return teamId + "." + bundleId;
    }
}
