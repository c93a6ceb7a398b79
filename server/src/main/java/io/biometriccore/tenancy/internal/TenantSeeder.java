package io.biometriccore.tenancy.internal;

import io.biometriccore.tenancy.TenantDefinition;
import io.biometriccore.tenancy.Tenants;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates or updates tenants from a YAML file at start-up ({@code biometric.tenants.seed-file}).
 * The file maps tenant ids to {@link TenantDefinition}s; see docs/tenants.md.
 */
@Component
class TenantSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TenantSeeder.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Tenants tenants;
    private final @Nullable Path seedFile;

    TenantSeeder(Tenants tenants, @Value("${biometric.tenants.seed-file:#{null}}") @Nullable Path seedFile) {
        this.tenants = tenants;
        this.seedFile = seedFile;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (seedFile == null) {
            return;
        }
        Map<String, Object> document = read(seedFile);
        Object list = document.getOrDefault("tenants", Map.of());
        if (!(list instanceof Map<?, ?> definitions)) {
            throw new IllegalStateException(seedFile + ": 'tenants' must map tenant ids to definitions");
        }
        definitions.forEach((id, definition) -> {
            TenantDefinition parsed = JSON.convertValue(definition, TenantDefinition.class);
            boolean created = tenants.save(parsed.toTenant(String.valueOf(id)));
            log.info("Tenant {} {} from seed file", id, created ? "created" : "updated");
        });
    }

    private static Map<String, Object> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return document == null ? Map.of() : document;
        }
    }
}
