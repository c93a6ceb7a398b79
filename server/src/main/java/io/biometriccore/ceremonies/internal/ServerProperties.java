package io.biometriccore.ceremonies.internal;

import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.Challenge;
import com.webauthn4j.server.ServerProperty;
import io.biometriccore.tenancy.Tenant;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The relying party as webauthn4j sees it for one ceremony: the tenant's exact origins and RP ID; for a
 * Secure Payment Confirmation, the merchant origin registered with the transaction instead of the
 * tenant's origins (SPC §9.1: C.origin is the origin SPC was called from, the merchant's page).
 */
@Component
class ServerProperties {

    ServerProperty forTenant(Tenant tenant, Challenge challenge) {
        Set<Origin> origins = tenant.allowedOrigins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
        return ServerProperty.builder().origins(origins).rpId(tenant.rpId()).challenge(challenge).build();
    }

    ServerProperty forSpc(Tenant tenant, String merchantOrigin, Challenge challenge) {
        return ServerProperty.builder().origins(Set.of(new Origin(merchantOrigin))).rpId(tenant.rpId())
                .challenge(challenge).build();
    }
}
