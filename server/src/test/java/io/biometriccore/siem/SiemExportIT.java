package io.biometriccore.siem;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biometriccore.siem.TestReceiver.Delivery;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The export of the sealed audit log to a local receiver: two sinks, JSON lines for every tenant and
 * CEF for one, each tenant of a test on its own so that the receiver can misbehave for it alone. The
 * context is closed after the class, so that its exporter does not outlive the receiver.
 */
@DirtiesContext
class SiemExportIT extends PostgresIntegrationTest {

    private static final String LINES_SECRET = "lines-sink-secret-0123456789abcdefghij";
    private static final String CEF_SECRET = "cef-sink-secret-0123456789abcdefghijklm";
    private static final int LINES_BATCH = 5;
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final TestReceiver receiver = TestReceiver.start(Map.of("/lines", LINES_SECRET, "/cef", CEF_SECRET));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("biometric.audit.seal-interval", () -> "PT0.2S");
        registry.add("biometric.audit.siem.poll-interval", () -> "PT0.1S");
        registry.add("biometric.audit.siem.request-timeout", () -> "PT5S");
        registry.add("biometric.audit.siem.initial-backoff", () -> "PT0.05S");
        registry.add("biometric.audit.siem.max-backoff", () -> "PT0.4S");
        registry.add("biometric.audit.siem.sinks[0].name", () -> "lines");
        registry.add("biometric.audit.siem.sinks[0].url", () -> receiver.url("127.0.0.1", "/lines"));
        registry.add("biometric.audit.siem.sinks[0].secret", () -> LINES_SECRET);
        registry.add("biometric.audit.siem.sinks[0].format", () -> "jsonl");
        registry.add("biometric.audit.siem.sinks[0].batch-size", () -> String.valueOf(LINES_BATCH));
        registry.add("biometric.audit.siem.sinks[1].name", () -> "cef");
        registry.add("biometric.audit.siem.sinks[1].url", () -> receiver.url("localhost", "/cef"));
        registry.add("biometric.audit.siem.sinks[1].secret", () -> CEF_SECRET);
        registry.add("biometric.audit.siem.sinks[1].format", () -> "cef");
        registry.add("biometric.audit.siem.sinks[1].tenants[0]", () -> "cef-bank");
    }

    @AfterAll
    static void closeReceiver() {
        receiver.close();
    }

    @Autowired
    private SiemExporter exporter;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void deliversEverySealedEventInLeafOrderAsSignedJsonLines() {
        BankFixture bank = BankFixture.create(api, "lines-bank", Map.of(), Map.of());
        createCustomers(bank, 12);

        long sealed = awaitEverythingSealed("lines-bank");
        awaitAcknowledged("/lines", "lines-bank", sealed);

        List<Delivery> deliveries = receiver.accepted("/lines", "lines-bank");
        assertThat(receiver.badSignatures()).isZero();
        assertGapFree(deliveries, sealed);
        for (Delivery delivery : deliveries) {
            assertThat(delivery.sink()).isEqualTo("lines");
            assertThat(delivery.contentType()).isEqualTo("application/x-ndjson");
            assertThat(delivery.lines()).hasSizeLessThanOrEqualTo(LINES_BATCH);
            List<JsonNode> lines = delivery.lines().stream().map(ApiClient.JSON::readTree).toList();
            assertThat(lines.stream().map(l -> l.path("leafIndex").asLong()))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(delivery.first(), delivery.last()).boxed().toList());
            for (JsonNode line : lines) {
                assertThat(line.path("tenantId").asString()).isEqualTo("lines-bank");
                assertThat(line.path("type").asString()).matches("[a-z_]+\\.[a-z_]+");
                assertThat(line.path("outcome").asString()).isIn("success", "failure");
                assertThat(line.path("correlationId").asString()).isNotBlank();
                assertThat(line.path("ip").asString()).isNotBlank();
                assertThat(line.path("userAgent").asString()).isNotBlank();
            }
        }
        List<JsonNode> all = deliveries.stream().flatMap(d -> d.lines().stream()).map(ApiClient.JSON::readTree)
                .toList();
        assertThat(all.stream().map(l -> l.path("eventId").asLong())).doesNotHaveDuplicates();
        assertThat(all.stream().filter(l -> l.path("type").asString().equals("customer.created"))).hasSize(12);
    }

    @Test
    void cefRecordsCarryTheHeaderAndEscapedValues() {
        BankFixture bank = BankFixture.create(api, "cef-bank", Map.of(), Map.of());
        BankFixture.require(api.send("POST", bank.path("/customers"),
                Map.of("externalId", "ext-teller", "username", "teller", "displayName", "Teller"),
                "Authorization", "Bearer " + bank.apiKey(), "User-Agent", "Teller|Desk=1\\2"), 201);

        long sealed = awaitEverythingSealed("cef-bank");
        awaitAcknowledged("/cef", "cef-bank", sealed);

        List<Delivery> deliveries = receiver.accepted("/cef", "cef-bank");
        assertThat(receiver.badSignatures()).isZero();
        assertGapFree(deliveries, sealed);
        List<String> records = deliveries.stream().flatMap(d -> d.lines().stream()).toList();
        assertThat(records).allSatisfy(r -> assertThat(r)
                .matches("CEF:0\\|Biometric Core\\|biometric-core\\|[^|]+"
                        + "\\|[a-z_]+\\.[a-z_]+\\|[a-z ]+\\|[369]\\|rt=\\d+ .*")
                .contains(" cs1=cef-bank cs1Label=tenantId"));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("|api_key.used|api key used|3|")
                .contains(" requestClientApplication=Teller|Desk\\=1\\\\2 "));
        assertThat(records.stream().map(r -> r.replaceAll(".* cn1=(\\d+) .*", "$1")).map(Long::parseLong))
                .containsExactlyElementsOf(LongStream.range(0, sealed).boxed().toList());
        assertThat(deliveries).allSatisfy(d -> assertThat(d.contentType()).startsWith("text/plain"));
    }

    @Test
    void aReceiverThatFailsForAWhileGetsEverythingOnceItRecovers() {
        receiver.failNext("flaky-bank", 4);
        BankFixture bank = BankFixture.create(api, "flaky-bank", Map.of(), Map.of());
        createCustomers(bank, 8);

        long sealed = awaitEverythingSealed("flaky-bank");
        awaitAcknowledged("/lines", "flaky-bank", sealed);

        List<Delivery> attempts = receiver.attempts("/lines", "flaky-bank");
        assertThat(attempts.subList(0, 4)).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(500);
            assertThat(a.first()).isZero();
        });
        assertThat(attempts.get(4).status()).isEqualTo(200);
        assertThat(attempts.get(4).first()).isZero();
        assertGapFree(receiver.accepted("/lines", "flaky-bank"), sealed);
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode status = tenantStatus("lines", "flaky-bank");
            assertThat(status.path("sealed").asLong()).isEqualTo(sealed);
            assertThat(status.path("delivered").asLong()).isEqualTo(sealed);
            assertThat(status.path("lag").asLong()).isZero();
            assertThat(status.path("failures").asInt()).isZero();
            assertThat(status.path("lastStatus").asInt()).isEqualTo(200);
        });
    }

    @Test
    void theSinkStatusNeedsTheAdminKey() {
        Response anonymous = api.get("/v1/admin/siem/sinks");

        assertThat(anonymous.status()).isEqualTo(401);
        assertCode(anonymous, "unauthorized");
    }

    @Test
    void eventsWhoseKeysAreDestroyedAreExportedAsShredded() {
        receiver.refuse("shred-bank");
        BankFixture bank = BankFixture.create(api, "shred-bank", Map.of(), Map.of());
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "shredded-" + System.nanoTime();
        UUID customer = bank.enrolled(username, phone);
        bank.tokens(phone, username);
        BankFixture.require(bank.backend("DELETE", "/customers/" + customer, null), 204);
        long sealed = awaitEverythingSealed("shred-bank");
        receiver.accept("shred-bank");

        awaitAcknowledged("/lines", "shred-bank", sealed);

        List<JsonNode> lines = receiver.accepted("/lines", "shred-bank").stream().flatMap(d -> d.lines().stream())
                .map(ApiClient.JSON::readTree).toList();
        List<JsonNode> customersOwn = lines.stream()
                .filter(l -> l.path("customerId").asString().equals(customer.toString()))
                .filter(l -> List.of("anonymous", "customer").contains(l.path("actor").path("type").asString()))
                .toList();
        assertThat(customersOwn).extracting(l -> l.path("type").asString())
                .contains("registration.succeeded", "authentication.succeeded");
        assertThat(customersOwn).allSatisfy(l -> {
            assertThat(l.path("shredded").asBoolean()).isTrue();
            assertThat(l.has("ip")).isFalse();
            assertThat(l.has("userAgent")).isFalse();
        });
        JsonNode bankCreatedTheCustomer = lines.stream()
                .filter(l -> l.path("type").asString().equals("customer.created")).findFirst().orElseThrow();
        assertThat(bankCreatedTheCustomer.path("ip").asString()).isNotBlank();
        assertThat(bankCreatedTheCustomer.has("shredded")).isFalse();
    }

    @Test
    void stoppingMidStreamAndStartingAgainDeliversEveryEventWithoutGaps() {
        receiver.holdAfter("restart-bank", 2);
        BankFixture bank = BankFixture.create(api, "restart-bank", Map.of(), Map.of());
        createCustomers(bank, 15);
        await().atMost(DEADLINE).until(() -> receiver.holding("restart-bank"));

        exporter.stop();
        try {
            assertThat(exporter.isRunning()).isFalse();
            List<Delivery> beforeStop = receiver.accepted("/lines", "restart-bank");
            assertThat(beforeStop).hasSize(2);
            long acknowledged = beforeStop.getLast().last();
            assertThat(cursor("lines", "restart-bank")).isEqualTo(acknowledged);

            receiver.release("restart-bank");
            createCustomers(bank, 5);
            long sealed = awaitEverythingSealed("restart-bank");
            assertThat(sealed).isGreaterThan(acknowledged + 1);
            assertThat(cursor("lines", "restart-bank")).isEqualTo(acknowledged);

            exporter.start();
            awaitAcknowledged("/lines", "restart-bank", sealed);

            List<Delivery> accepted = receiver.accepted("/lines", "restart-bank");
            assertThat(accepted.get(2).first()).isEqualTo(acknowledged + 1);
            assertGapFree(accepted, sealed);
            assertThat(receiver.badSignatures()).isZero();
        } finally {
            exporter.start();
        }
    }

    private static void createCustomers(BankFixture bank, int count) {
        for (int i = 0; i < count; i++) {
            bank.createCustomer("customer-" + i + "-" + System.nanoTime());
        }
    }

    /** Waits until every event of the tenant is sealed; answers their number. */
    private long awaitEverythingSealed(String tenantId) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> unsealed(tenantId) == 0);
        return jdbc.sql("SELECT count(*) FROM audit_leaf WHERE tenant_id = :tenant").param("tenant", tenantId)
                .query(Long.class).single();
    }

    private long unsealed(String tenantId) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_event e WHERE e.tenant_id = :tenant
                   AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.event_id = e.id)""")
                .param("tenant", tenantId).query(Long.class).single();
    }

    private static void awaitAcknowledged(String path, String tenantId, long sealed) {
        List<Long> all = LongStream.range(0, sealed).boxed().toList();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.acknowledged(path, tenantId).containsAll(all));
    }

    private long cursor(String sink, String tenantId) {
        return jdbc.sql("SELECT last_leaf_index FROM siem_cursor WHERE sink = :sink AND tenant_id = :tenant")
                .param("sink", sink).param("tenant", tenantId).query(Long.class).single();
    }

    private JsonNode tenantStatus(String sink, String tenantId) {
        Response response = api.admin("GET", "/v1/admin/siem/sinks", null);
        BankFixture.require(response, 200);
        JsonNode found = null;
        for (JsonNode s : response.json()) {
            for (JsonNode t : s.path("tenants")) {
                if (s.path("name").asString().equals(sink) && t.path("tenantId").asString().equals(tenantId)) {
                    found = t;
                }
            }
        }
        assertThat(found).as("status of %s at %s", tenantId, sink).isNotNull();
        return found;
    }

    /**
     * In the order they arrived, every acknowledged delivery is a run of consecutive leaves that starts
     * no later than right after what was acknowledged before it, and together they are {@code 0..sealed-1}.
     */
    private static void assertGapFree(List<Delivery> deliveries, long sealed) {
        long highest = -1;
        for (Delivery d : deliveries) {
            assertThat(d.first()).as("delivery %s-%s after %s", d.first(), d.last(), highest)
                    .isLessThanOrEqualTo(highest + 1);
            assertThat(d.last()).isGreaterThanOrEqualTo(d.first());
            assertThat((long) d.lines().size()).isEqualTo(d.last() - d.first() + 1);
            highest = Math.max(highest, d.last());
        }
        assertThat(highest).isEqualTo(sealed - 1);
    }
}
