package io.biometriccore.ceremonies;

import java.time.Instant;
import java.util.UUID;

/**
 * A newly issued enrollment grant. {@code grant} is the bearer secret: shown once, stored as a hash.
 *
 * @param issuedBy who issued it: {@code api-key:<id>} or {@code session:<id>}
 */
public record EnrollmentGrant(UUID id, UUID customerId, String grant, String issuedBy, Instant expiresAt) {
}
