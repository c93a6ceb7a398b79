package io.biometriccore.seeding.internal;

import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code biometric.seed}: what the seeding command writes. It runs only when {@code customers} is
 * given; see docs/configuration.md.
 *
 * @param customers       customers to create, each with one device and one ES256 credential
 * @param events          audit events to add, of sign-ins by those customers
 * @param tenant          the tenant; created when missing
 * @param seed            the seed the customers' credentials are derived from (testkit {@code SeededCustomers})
 * @param origin          the allowed origin of a tenant the command creates: the load generator's
 * @param rpId            the RP ID of a tenant the command creates
 * @param batchSize       customers per COPY transaction
 * @param eventBatchSize  audit events per transaction
 */
@ConfigurationProperties(prefix = "biometric.seed")
public record SeedProperties(@DefaultValue("0") long customers, @DefaultValue("0") long events,
        @DefaultValue("bench") String tenant, @DefaultValue("42") long seed,
        @DefaultValue("http://localhost:8080") String origin, @DefaultValue("localhost") String rpId,
        @DefaultValue("10000") int batchSize, @DefaultValue("2000") int eventBatchSize) {

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final int MAX_BATCH_SIZE = 100_000;

    public SeedProperties {
        if (customers < 0 || events < 0) {
            throw new IllegalArgumentException("biometric.seed.customers and biometric.seed.events must not be negative");
        }
        if (events > 0 && customers == 0) {
            throw new IllegalArgumentException("biometric.seed.events needs customers to sign in: set biometric.seed.customers");
        }
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("biometric.seed.tenant must be a tenant id (a-z, 0-9, -): " + tenant);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE || eventBatchSize < 1 || eventBatchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("biometric.seed.batch-size and biometric.seed.event-batch-size must be 1 to "
                    + MAX_BATCH_SIZE);
        }
    }
}
