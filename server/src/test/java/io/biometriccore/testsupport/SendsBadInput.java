package io.biometriccore.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test (or a test class, nested ones included) that sends requests breaking the contract on
 * purpose: {@link ApiClient} then does not hold its requests to the contract, only the answers
 * (ADR 0031). For one call, {@link ApiClient#badInput()} says the same. Say what is bad.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SendsBadInput {

    /** What the test sends that the contract does not allow. */
    String value();

    /** Sets {@link ApiClient}'s exemption for the test that carries the mark; registered by {@link PostgresIntegrationTest}. */
    final class Extension implements BeforeEachCallback, AfterEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            ApiClient.exemptRequestsOfThisTest(marked(context.getRequiredTestMethod())
                    || marked(context.getRequiredTestClass()));
        }

        @Override
        public void afterEach(ExtensionContext context) {
            ApiClient.exemptRequestsOfThisTest(false);
        }

        private static boolean marked(AnnotatedElement element) {
            return element.isAnnotationPresent(SendsBadInput.class);
        }

        private static boolean marked(Class<?> type) {
            return Optional.ofNullable(type).map(t -> marked((AnnotatedElement) t) || marked(t.getEnclosingClass()))
                    .orElse(false);
        }
    }
}
