package io.biometriccore.tenancy.internal;

import io.biometriccore.tenancy.RelatedOriginsDocument;
import io.biometriccore.tenancy.Tenants;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's {@code /.well-known/webauthn} document, for the bank's web server to proxy or copy to its
 * RP ID's origin (browsers fetch it there, never here). Public, like the JWKS; cached for five minutes,
 * so a related origin removed from the tenant leaves the proxied document soon after.
 */
@RestController
class RelatedOriginsController {

    private final Tenants tenants;

    RelatedOriginsController(Tenants tenants) {
        this.tenants = tenants;
    }

    @GetMapping(path = "/v1/tenants/{tenantId}/webauthn-related-origins", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RelatedOriginsDocument> document(@PathVariable String tenantId) {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(RelatedOriginsDocument.of(tenants.require(tenantId)));
    }
}
