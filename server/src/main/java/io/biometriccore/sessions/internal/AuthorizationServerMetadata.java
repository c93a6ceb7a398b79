package io.biometriccore.sessions.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's OAuth 2.0 Authorization Server Metadata (RFC 8414 §2), listing only what the server
 * really does: the refresh-token grant at the token endpoint for public clients, introspection,
 * DPoP, the tenant's assurance levels. There is no authorization endpoint, so no response type.
 * Introspection takes a tenant API key as bearer token, which no value of the "OAuth Token Endpoint
 * Authentication Methods" registry names, so {@code introspection_endpoint_auth_methods_supported} is
 * left out: RFC 8414 then has it "determined by other means" (ADR 0028).
 */
record AuthorizationServerMetadata(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("introspection_endpoint") String introspectionEndpoint,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("dpop_signing_alg_values_supported") List<String> dpopSigningAlgValuesSupported,
        @JsonProperty("acr_values_supported") List<String> acrValuesSupported) {

    AuthorizationServerMetadata {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(introspectionEndpoint, "introspectionEndpoint");
        grantTypesSupported = List.copyOf(Objects.requireNonNull(grantTypesSupported, "grantTypesSupported"));
        tokenEndpointAuthMethodsSupported = List.copyOf(
                Objects.requireNonNull(tokenEndpointAuthMethodsSupported, "tokenEndpointAuthMethodsSupported"));
        responseTypesSupported = List.copyOf(Objects.requireNonNull(responseTypesSupported, "responseTypesSupported"));
        dpopSigningAlgValuesSupported = List.copyOf(
                Objects.requireNonNull(dpopSigningAlgValuesSupported, "dpopSigningAlgValuesSupported"));
        acrValuesSupported = List.copyOf(Objects.requireNonNull(acrValuesSupported, "acrValuesSupported"));
        if (grantTypesSupported.isEmpty() || tokenEndpointAuthMethodsSupported.isEmpty()) {
            throw new IllegalArgumentException("grantTypesSupported and tokenEndpointAuthMethodsSupported "
                    + "must not be empty: RFC 8414 defaults would claim what the server does not do");
        }
    }
}
