package io.biometriccore.ratelimits.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The limited routes are exactly the contract's tenant operations that anyone may call without a credential. */
class AnonymousRoutesTests {

    private static final Path CONTRACT = Path.of("..", "api", "openapi.yaml");

    @Test
    void everyAnonymousTenantOperationOfTheContractIsLimited() {
        assertThat(new TreeSet<>(AnonymousRoutes.ALL)).isEqualTo(anonymousTenantOperations());
    }

    @Test
    void everyLimitedOperationAnswers429InTheContract() {
        OpenAPI contract = new OpenAPIV3Parser().read(CONTRACT.toString());
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (AnonymousRoutes.contains(method.name(), path)) {
                assertThat(operation.getResponses()).as(method + " " + path).containsKey("429");
            }
        }));
    }

    private static Set<String> anonymousTenantOperations() {
        OpenAPI contract = new OpenAPIV3Parser().read(CONTRACT.toString());
        List<SecurityRequirement> global = contract.getSecurity() == null ? List.of() : contract.getSecurity();
        Set<String> anonymous = new TreeSet<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            List<SecurityRequirement> security = operation.getSecurity() != null ? operation.getSecurity() : global;
            boolean withoutCredential = security.isEmpty() || security.stream().anyMatch(SecurityRequirement::isEmpty);
            if (path.startsWith("/v1/tenants/{tenantId}") && withoutCredential) {
                anonymous.add(method.name() + " " + path);
            }
        }));
        return anonymous;
    }
}
