package io.biometriccore.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points the Spring context of each {@link PostgresIntegrationTest} class at a fresh
 * {@link PostgresSchema schema} and keystore directory of its own. Spring caches test contexts by
 * their customizers among the rest of their configuration, and this customizer is equal only for the
 * same test class: each class gets a context, and a schema, of its own, while a {@code @Nested} class
 * is taken for the class enclosing it and shares its context. {@link PostgresIntegrationTest} names
 * it in {@code @ContextCustomizerFactories}, so it applies to its subclasses only.
 */
final class PostgresSchemaContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        Class<?> owner = testClass;
        while (TestContextAnnotationUtils.searchEnclosingClass(owner)) {
            owner = owner.getEnclosingClass();
        }
        return new SchemaCustomizer(owner);
    }

    private record SchemaCustomizer(Class<?> testClass) implements ContextCustomizer {

        /**
         * The schema and the directory are made when the context is, not each time it is looked up in
         * the cache. Their properties rank just above the inlined ones of {@code @SpringBootTest} and
         * {@code @TestPropertySource}, and below a test class's own {@code @DynamicPropertySource},
         * which may override them (a bigger pool).
         */
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            Map<String, Object> properties = Map.of(
                    "spring.datasource.url", PostgresSchema.create(testClass),
                    "spring.datasource.username", PostgresSchema.USER,
                    "spring.datasource.password", "",
                    // Spring keeps several test contexts alive at once; small pools keep them under max_connections.
                    "spring.datasource.hikari.maximum-pool-size", "5",
                    "spring.datasource.hikari.minimum-idle", "1",
                    "biometric.keys.directory", keyDirectory());
            context.getEnvironment().getPropertySources().addBefore(
                    TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME,
                    new MapPropertySource("PostgreSQL test schema of " + testClass.getSimpleName(), properties));
        }

        private String keyDirectory() {
            try {
                return Files.createTempDirectory("biometric-keys-" + testClass.getSimpleName()).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
