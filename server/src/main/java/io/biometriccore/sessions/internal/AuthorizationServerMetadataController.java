package io.biometriccore.sessions.internal;

import com.nimbusds.jose.JWSAlgorithm;
import io.biometriccore.tenancy.AssuranceLevel;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves each tenant's metadata where RFC 8414 §3.1 puts it for an issuer with a path: the well-known
 * suffix inserted before the issuer's path, {@code /.well-known/oauth-authorization-server/v1/tenants/{id}}
 * for the issuer {@code <public-url>/v1/tenants/{id}}. That is where Spring Security's
 * {@code JwtDecoders.fromIssuerLocation} and openid-client look. No OpenID Connect discovery
 * document is served: the server issues no ID tokens (ADR 0028). Built on every request from the
 * cached tenant, so a tenant change shows at once here, and after at most the max-age at clients.
 */
@RestController
class AuthorizationServerMetadataController {

    static final String PATH = "/.well-known/oauth-authorization-server/v1/tenants/{tenantId}";
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final Tenants tenants;
    private final AccessTokens accessTokens;

    AuthorizationServerMetadataController(Tenants tenants, AccessTokens accessTokens) {
        this.tenants = tenants;
        this.accessTokens = accessTokens;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AuthorizationServerMetadata> metadata(@PathVariable String tenantId) {
        Tenant tenant = tenants.require(tenantId);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic()).body(of(tenant));
    }

    private AuthorizationServerMetadata of(Tenant tenant) {
        String issuer = accessTokens.issuer(tenant.id());
        return new AuthorizationServerMetadata(issuer,
                issuer + "/.well-known/jwks.json",
                issuer + "/token",
                issuer + "/introspect",
                List.of("refresh_token"),
                List.of("none"),
                List.of(),
                DPoPVerifier.ALGORITHMS.stream().map(JWSAlgorithm::getName).toList(),
                tenant.sessions().assuranceLevels().stream().map(AssuranceLevel::name).toList());
    }
}
