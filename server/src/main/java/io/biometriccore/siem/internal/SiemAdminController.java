package io.biometriccore.siem.internal;

import io.biometriccore.siem.SiemExporter;
import io.biometriccore.siem.SinkStatus;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/admin/siem/sinks}: each sink's cursor and lag per tenant, behind the admin key. */
@RestController
class SiemAdminController {

    private final SiemExporter exporter;

    SiemAdminController(SiemExporter exporter) {
        this.exporter = exporter;
    }

    @GetMapping(path = "/v1/admin/siem/sinks", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SinkStatus> sinks() {
        return exporter.status();
    }
}
