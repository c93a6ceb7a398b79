package io.biometriccore.identity;

import java.util.UUID;

/**
 * Published inside the deleting transaction, before the customer row goes: listeners remove or end
 * what refers to the customer (credentials, devices, sessions), and roll everything back by failing.
 */
public record CustomerDeleted(String tenantId, UUID customerId) {
}
