package io.biometriccore.webhooks.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biometriccore.BiometricCoreApplication;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.PostgresSchema;
import io.biometriccore.webhooks.internal.WebhookReceiver.Delivery;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The suspicious events a bank is told of through its webhook (docs/webhooks.md): a credential blocked
 * as a suspected clone, a device added, all of a customer's sessions revoked. Each reaches a receiver
 * that verifies the signature, with the type, subject and data documented; and a notification written
 * while the receiver was failing reaches it after the server was stopped and a new one started on the
 * same database. The server is a node of this test's own, so that the test can stop and start it.
 */
class SuspiciousEventNotificationsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final WebhookReceiver receiver = WebhookReceiver.start();
    private static String database;
    private static String keys;
    private static ConfigurableApplicationContext node;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        database = PostgresSchema.create(SuspiciousEventNotificationsIT.class);
        keys = Files.createTempDirectory("notification-keys").toString();
        startNode();
    }

    @AfterAll
    static void stop() {
        node.close();
        receiver.close();
    }

    @Test
    void aCloneANewDeviceAndAllSessionsRevokedReachTheBankAsDocumented() {
        BankFixture bank = bankWithWebhook("notify-events", "/events");
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "alice" + UUID.randomUUID().toString().substring(0, 8);
        UUID customer = bank.enrolled(username, phone);
        UUID device = bank.firstDevice(customer);
        phone.signCount(10);
        bank.tokens(phone, username);
        bank.tokens(phone, username);
        BankFixture.require(bank.backend("POST", "/customers/" + customer + "/sessions/revoke-all", null), 200);
        phone.signCount(3);
        assertProblem(bank.signIn(phone, username), 403, "counter_regression");

        JsonNode added = awaitDelivery("/events", "device.added");
        assertThat(added.path("subject").asString()).isEqualTo(customer.toString());
        assertThat(added.path("data").propertyNames()).containsExactlyInAnyOrder("deviceId", "name", "aaguid");
        assertThat(added.path("data").path("deviceId").asString()).isEqualTo(device.toString());
        assertThat(added.path("data").path("name").asString()).isEqualTo(deviceName(bank, customer));
        assertThat(added.path("data").path("aaguid").asString()).isEqualTo(new UUID(0, 0).toString());

        JsonNode revoked = awaitDelivery("/events", "sessions.revoked");
        assertThat(revoked.path("subject").asString()).isEqualTo(customer.toString());
        assertThat(revoked.path("data")).isEqualTo(ApiClient.JSON.valueToTree(
                Map.of("reason", "revoked_by_bank", "count", 2)));

        JsonNode clone = awaitDelivery("/events", "credential.suspected_clone");
        assertThat(clone.path("subject").asString()).isEqualTo(customer.toString());
        assertThat(clone.path("data")).isEqualTo(ApiClient.JSON.valueToTree(Map.of("deviceId", device.toString(),
                "aaguid", new UUID(0, 0).toString(), "reason", "counter_regression")));
        assertThat(receiver.accepted("/events")).extracting(Delivery::type).containsExactly("device.added",
                "sessions.revoked", "credential.suspected_clone");
        assertThat(receiver.attempts("/events")).allSatisfy(d -> assertThat(d.verified()).isTrue());
    }

    @Test
    void aSessionsRevokedWithNoLiveSessionIsNotSent() {
        BankFixture bank = bankWithWebhook("notify-quiet", "/quiet");
        UUID customer = bank.createCustomer("bob" + UUID.randomUUID().toString().substring(0, 8));
        BankFixture.require(bank.backend("POST", "/customers/" + customer + "/sessions/revoke-all", null), 200);
        BankFixture.require(api.admin("POST", "/v1/admin/tenants/notify-quiet/webhook/test", null), 202);

        awaitDelivery("/quiet", "webhook.test");
        assertThat(receiver.accepted("/quiet")).extracting(Delivery::type).containsExactly("webhook.test");
    }

    @Test
    void notificationsPendingWhenTheServerStopsAreDeliveredByTheNextOneUnchanged() throws Exception {
        BankFixture bank = bankWithWebhook("notify-restart", "/restart");
        receiver.failNext("/restart", 1_000);
        List<UUID> customers = List.of(enrolled(bank), enrolled(bank), enrolled(bank));
        await().atMost(DEADLINE).until(() -> !receiver.attempts("/restart").isEmpty());
        assertThat(pending("notify-restart")).isEqualTo(3);

        node.close();
        receiver.failNext("/restart", 0);
        startNode();

        await().atMost(DEADLINE).until(() -> receiver.accepted("/restart").size() >= 3);
        List<Delivery> accepted = receiver.accepted("/restart");
        assertThat(accepted).extracting(d -> d.json().path("subject").asString())
                .containsExactlyInAnyOrderElementsOf(customers.stream().map(UUID::toString).toList());
        assertThat(accepted).extracting(Delivery::type).containsOnly("device.added");
        assertThat(accepted).extracting(Delivery::eventId).doesNotHaveDuplicates();
        for (Delivery failed : receiver.attempts("/restart")) {
            assertThat(accepted).filteredOn(d -> d.eventId().equals(failed.eventId())).singleElement()
                    .extracting(Delivery::body).isEqualTo(failed.body());
        }
        await().atMost(DEADLINE).until(() -> pending("notify-restart") == 0);
    }

    private static BankFixture bankWithWebhook(String tenantId, String path) {
        BankFixture bank = BankFixture.create(api, tenantId, Map.of(), Map.of());
        Response created = api.admin("PUT", "/v1/admin/tenants/" + tenantId + "/webhook",
                Map.of("url", receiver.url(path), "types", List.of()));
        BankFixture.require(created, 201);
        receiver.secret(path, created.json().path("secret").asString());
        return bank;
    }

    private static UUID enrolled(BankFixture bank) {
        return bank.enrolled("carol" + UUID.randomUUID().toString().substring(0, 8),
                SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE));
    }

    private static JsonNode awaitDelivery(String path, String type) {
        await().atMost(DEADLINE).until(() -> receiver.accepted(path).stream().anyMatch(d -> d.type().equals(type)));
        return receiver.accepted(path).stream().filter(d -> d.type().equals(type)).findFirst().orElseThrow().json();
    }

    private static String deviceName(BankFixture bank, UUID customer) {
        Response devices = bank.backend("GET", "/customers/" + customer + "/devices", null);
        BankFixture.require(devices, 200);
        return devices.json().get(0).path("name").asString();
    }

    private static long pending(String tenantId) throws Exception {
        try (Connection c = PostgresSchema.connect(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM webhook_outbox WHERE tenant_id = '" + tenantId
                     + "' AND delivered_at IS NULL AND dead_at IS NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void startNode() {
        // Command-line arguments, so that they win over application.yml as a node's environment would.
        node = new SpringApplicationBuilder(BiometricCoreApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + PostgresSchema.USER,
                "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--biometric.keys.directory=" + keys,
                "--biometric.admin.api-key=" + PostgresIntegrationTest.ADMIN_KEY,
                "--biometric.enumeration-protection.secret=integration-test-secret",
                "--biometric.keys.keystore-password=integration-test-keystore",
                "--biometric.public-url=https://auth.bank.example",
                "--biometric.webhooks.allow-http=true",
                "--biometric.webhooks.poll-interval=PT0.1S",
                "--biometric.webhooks.initial-backoff=PT0.2S",
                "--biometric.webhooks.max-backoff=PT0.5S",
                "--biometric.webhooks.request-timeout=PT2S",
                "--biometric.webhooks.lease=PT3S");
        api = new ApiClient(((WebServerApplicationContext) node).getWebServer().getPort());
    }
}
