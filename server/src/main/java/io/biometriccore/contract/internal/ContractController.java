package io.biometriccore.contract.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract the server was built with: {@code api/openapi.yaml}, which the build copies into the jar
 * unchanged, as it is and as JSON. Public, on the public port; the management contract is not served
 * (ADR 30).
 */
@RestController
class ContractController {

    static final String CONTRACT = "io/biometriccore/contract/openapi.yaml";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final ServedFile yaml;
    private final ServedFile json;

    ContractController() {
        yaml = ServedFile.of(new ClassPathResource(CONTRACT), YAML);
        json = ServedFile.of(asJson(yaml.content()), MediaType.APPLICATION_JSON);
    }

    @GetMapping("/openapi.yaml")
    ResponseEntity<byte[]> yaml() {
        return yaml.answer();
    }

    @GetMapping("/openapi.json")
    ResponseEntity<byte[]> json() {
        return json.answer();
    }

    /** The YAML document as JSON: SnakeYAML's safe loader (no custom tags), Jackson's writer. */
    static byte[] asJson(byte[] yaml) {
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(new String(yaml, StandardCharsets.UTF_8));
        return JsonMapper.builder().build().writeValueAsBytes(document);
    }
}
