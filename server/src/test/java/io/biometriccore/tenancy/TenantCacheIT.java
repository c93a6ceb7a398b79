package io.biometriccore.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.Node;
import io.biometriccore.testsupport.PostgresSchema;
import io.biometriccore.testsupport.TenantFixture;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database: each caches tenants, and a change made on one is seen by the other's
 * requests promptly, through PostgreSQL NOTIFY, also after the other's listening connection was lost.
 */
class TenantCacheIT {

    private static final Duration PROMPTLY = Duration.ofSeconds(15);
    private static Node nodeA;
    private static Node nodeB;
    private static ApiClient a;
    private static ApiClient b;

    @BeforeAll
    static void twoNodes() throws Exception {
        String url = PostgresSchema.create(TenantCacheIT.class);
        String keys = Files.createTempDirectory("tenant-cache-keys").toString();
        nodeA = Node.start(url, keys);
        nodeB = Node.start(url, keys);
        a = nodeA.api();
        b = nodeB.api();
    }

    @AfterAll
    static void stop() {
        nodeA.context().close();
        nodeB.context().close();
    }

    @Test
    void aTenantChangedOnOneNodeIsSeenByTheOthersRequests() {
        putTenant(a, "cached-bank", "First Name Bank");
        assertThat(rpName(b, "cached-bank")).isEqualTo("First Name Bank");

        putTenant(a, "cached-bank", "Second Name Bank");

        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(rpName(b, "cached-bank")).isEqualTo("Second Name Bank"));
        assertThat(rpName(a, "cached-bank")).isEqualTo("Second Name Bank");
    }

    @Test
    void aChangeMissedWhileTheListenerWasDownIsSeenOnceItIsBack() throws Exception {
        putTenant(a, "missed-bank", "Before");
        assertThat(rpName(b, "missed-bank")).isEqualTo("Before");

        dropListeningConnections();
        putTenant(a, "missed-bank", "After");

        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(rpName(b, "missed-bank")).isEqualTo("After"));
    }

    private static void dropListeningConnections() throws Exception {
        try (Connection c = PostgresSchema.connect(PostgresSchema.URL);
             Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'biometric-cross-node-events'");
        }
    }

    private static String rpName(ApiClient node, String tenantId) {
        ApiClient.Response options = node.post("/v1/tenants/" + tenantId + "/registration/options", Map.of("username", "alice"));
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return options.json().path("rp").path("name").asString();
    }

    private static void putTenant(ApiClient node, String tenantId, String rpName) {
        node.putTenant(tenantId, Map.of("rpId", TenantFixture.RP_ID, "rpName", rpName,
                "allowedOrigins", List.of(TenantFixture.ORIGIN), "openEnrollment", true,
                "policy", Map.of("allowNoneAttestation", true)));
    }
}
