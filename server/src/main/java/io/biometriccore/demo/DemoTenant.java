package io.biometriccore.demo;

import io.biometriccore.tenancy.AttestationConveyance;
import io.biometriccore.tenancy.Requirement;
import io.biometriccore.tenancy.RetentionPolicy;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import io.biometriccore.tenancy.Tenants;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates (or refreshes) the {@code demo} tenant once the server knows its port: RP ID
 * {@code localhost}, origin {@code http://localhost:<port>}, open enrollment, {@code none} and self
 * attestation accepted, discoverable credentials required so usernameless sign-in works. It has the
 * conformance profile, so that the FIDO conformance tools can be pointed at the quick start.
 */
@Component
@ConditionalOnBooleanProperty("biometric.demo.enabled")
class DemoTenant {

    static final String ID = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoTenant.class);

    private final Tenants tenants;

    DemoTenant(Tenants tenants) {
        this.tenants = tenants;
    }

    /** The public server's start; the management server's (another port, ADR 27) is not the demo's origin. */
    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        if (WebServerApplicationContext.hasServerNamespace(event.getApplicationContext(), "management")) {
            return;
        }
        int port = event.getWebServer().getPort();
        TenantPolicy d = TenantPolicy.defaults();
        TenantPolicy policy = new TenantPolicy(Requirement.REQUIRED, Requirement.REQUIRED,
                AttestationConveyance.DIRECT, d.acceptedAttestationFormats(), true, true, false,
                d.allowedAlgorithms(), d.challengeTimeout());
        tenants.save(new Tenant(ID, "localhost", "Biometric Core demo", List.of("http://localhost:" + port), true,
                true, policy, SessionPolicy.defaults(),
                RetentionPolicy.defaults()));
        log.info("Demo ready at http://localhost:{}/ (tenant '{}')", port, ID);
    }
}
