package io.biometriccore.demo;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The demo page's script and stylesheet, and the demo's bank, exist only while the demo is on. */
class DemoAssetsIT {

    @Nested
    class DemoOff extends PostgresIntegrationTest {

        @Test
        void demoPageAndAssetsAreNotFound() {
            for (String path : new String[] {"/", "/demo.js", "/demo.css"}) {
                assertProblem(api.get(path), 404, "not_found");
            }
        }

        @Test
        void demoBankRoutesAreNotFound() {
            assertProblem(api.post("/demo/payments", Map.of("amount", Map.of("value", "1250.00", "currency", "EUR")),
                    "Authorization", "Bearer " + "a".repeat(40)), 404, "not_found");
            assertProblem(api.get("/demo/payments/" + UUID.randomUUID() + "/evidence",
                    "Authorization", "Bearer " + "a".repeat(40)), 404, "not_found");
        }
    }

    @Nested
    @TestPropertySource(properties = "biometric.demo.enabled=true")
    class DemoOn extends PostgresIntegrationTest {

        @Test
        void demoAssetsAreServed() {
            Response script = api.get("/demo.js");
            Response stylesheet = api.get("/demo.css");

            assertThat(script.status()).isEqualTo(200);
            assertThat(script.contentType()).startsWith("text/javascript");
            assertThat(script.body()).isNotBlank();
            assertThat(stylesheet.status()).isEqualTo(200);
            assertThat(stylesheet.contentType()).startsWith("text/css");
        }
    }
}
