package io.biometriccore.ratelimits.internal;

import java.util.Set;

/**
 * The tenant routes anyone may call without a credential, as {@code METHOD pattern}: every operation
 * of api/openapi.yaml under {@code /v1/tenants/{tenantId}} whose security allows none. A route is
 * limited whatever the request carries, so a made-up {@code Authorization} header does not escape.
 * A test holds this list and the contract together.
 */
final class AnonymousRoutes {

    private static final String TENANT = "/v1/tenants/{tenantId}";

    static final Set<String> ALL = Set.of(
            "POST " + TENANT + "/registration/options",
            "POST " + TENANT + "/registration/verify",
            "POST " + TENANT + "/authentication/options",
            "POST " + TENANT + "/authentication/verify",
            "POST " + TENANT + "/token",
            "GET " + TENANT + "/.well-known/jwks.json",
            "GET " + TENANT + "/evidence/jwks.json",
            "GET " + TENANT + "/webauthn-related-origins",
            "POST " + TENANT + "/cross-channel",
            "POST " + TENANT + "/fido2/attestation/options",
            "POST " + TENANT + "/fido2/attestation/result",
            "POST " + TENANT + "/fido2/assertion/options",
            "POST " + TENANT + "/fido2/assertion/result");

    private AnonymousRoutes() {
    }

    static boolean contains(String method, String pattern) {
        return ALL.contains(method + " " + pattern);
    }
}
