package io.biometriccore.ceremonies.internal;

import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.Challenge;
import com.webauthn4j.server.ServerProperty;
import io.biometriccore.tenancy.Tenant;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The relying party as webauthn4j sees it for one ceremony: the tenant's exact origins and RP ID. */
@Component
class ServerProperties {

    ServerProperty forTenant(Tenant tenant, Challenge challenge) {
        Set<Origin> origins = tenant.allowedOrigins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
        return ServerProperty.builder().origins(origins).rpId(tenant.rpId()).challenge(challenge).build();
    }
}
