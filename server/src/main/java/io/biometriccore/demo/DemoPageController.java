package io.biometriccore.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the demo page for the {@code demo} tenant. */
@Controller
@ConditionalOnBooleanProperty("biometric.demo.enabled")
class DemoPageController {

    @GetMapping("/")
    String demo(Model model) {
        model.addAttribute("tenantId", DemoTenant.ID);
        return "demo";
    }
}
