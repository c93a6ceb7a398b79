package io.biometriccore.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The server's external base URL ({@code biometric.public-url}), as tokens, DPoP proofs and the bank's
 * signed context name it. One copy, so that a tenant's issuer is the same string wherever it is compared.
 */
@Component
public class PublicUrl {

    private final String base;

    PublicUrl(@Value("${biometric.public-url}") String configured) {
        this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** The absolute URL of a path of this server. */
    public String of(String path) {
        return base + path;
    }

    /** A tenant's issuer: the {@code iss} of its access tokens and the {@code aud} of its bank's context. */
    public String issuer(String tenantId) {
        return of("/v1/tenants/" + tenantId);
    }
}
