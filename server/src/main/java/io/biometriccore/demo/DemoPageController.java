package io.biometriccore.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the demo page for the {@code demo} tenant, with its script and stylesheet: all three exist only
 * while the demo is on (they are not static resources, which Spring Boot would serve regardless).
 */
@Controller
@ConditionalOnBooleanProperty("biometric.demo.enabled")
class DemoPageController {

    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript");

    @GetMapping("/")
    String demo(Model model) {
        model.addAttribute("tenantId", DemoTenant.ID);
        return "demo";
    }

    @GetMapping("/demo.js")
    ResponseEntity<Resource> script() {
        return ResponseEntity.ok().contentType(JAVASCRIPT).body(new ClassPathResource("io/biometriccore/demo/demo.js"));
    }

    @GetMapping("/demo.css")
    ResponseEntity<Resource> stylesheet() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/css"))
                .body(new ClassPathResource("io/biometriccore/demo/demo.css"));
    }
}
