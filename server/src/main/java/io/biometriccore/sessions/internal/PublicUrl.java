package io.biometriccore.sessions.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The server's external base URL ({@code biometric.public-url}), as tokens and DPoP proofs name it. */
@Component
class PublicUrl {

    private final String base;

    PublicUrl(@Value("${biometric.public-url}") String configured) {
        this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** The absolute URL of a path of this server. */
    String of(String path) {
        return base + path;
    }
}
