package io.biometriccore.tenancy;

import java.util.List;
import java.util.Objects;

/**
 * The WebAuthn L3 related origins document (§5.11.1, "Validating Related Origins"): what the bank serves
 * at {@code https://<rpId>/.well-known/webauthn} as {@code application/json}, so that a browser accepts
 * a ceremony for {@code rpId} from one of these origins.
 *
 * @param origins the tenant's related origins, as serialized origins
 */
public record RelatedOriginsDocument(List<String> origins) {

    public RelatedOriginsDocument {
        origins = List.copyOf(Objects.requireNonNull(origins, "origins"));
    }

    public static RelatedOriginsDocument of(Tenant tenant) {
        return new RelatedOriginsDocument(tenant.relatedOrigins());
    }
}
