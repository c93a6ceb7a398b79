package io.biometriccore.webhooks.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.biometriccore.shared.BankNotification;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import io.biometriccore.webhooks.internal.Outbox.Claimed;
import io.biometriccore.webhooks.internal.WebhookReceiver.Delivery;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The tenant event webhook end to end, against a receiver on 127.0.0.1 that verifies every signature:
 * configuration, the outbox written in the publisher's transaction, signed delivery, retries with the
 * same event id, leases between nodes, dead letters, removal. Each test has its own tenant and path.
 * The server runs on a {@link MutableClock}: backoffs and the maximum age pass when a test moves it.
 */
@DirtiesContext
@Import(MutableClockConfiguration.class)
class WebhookIT extends PostgresIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int SECRET_PREFIX_LENGTH = "whsec_".length();
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int MAX_BACKLOG = 3;
    private static final WebhookReceiver receiver = WebhookReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("biometric.webhooks.allow-http", () -> "true");
        registry.add("biometric.webhooks.poll-interval", () -> "PT0.1S");
        registry.add("biometric.webhooks.request-timeout", () -> "PT5S");
        registry.add("biometric.webhooks.initial-backoff", () -> "PT1S");
        registry.add("biometric.webhooks.max-backoff", () -> "PT4S");
        registry.add("biometric.webhooks.lease", () -> LEASE.toString());
        registry.add("biometric.webhooks.max-backlog", () -> String.valueOf(MAX_BACKLOG));
    }

    @AfterAll
    static void closeReceiver() {
        receiver.close();
    }

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MutableClock clock;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private ApplicationEventPublisher events;

    @Autowired
    private Outbox outbox;

    @Autowired
    private MeterRegistry meters;

    @Test
    void theSecretIsAnsweredOnceAndTheConfigurationReadsBackWithoutIt() {
        String tenant = tenant("wh-config");
        Response created = configure(tenant, "/config", List.of("transaction.approved"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        String secret = created.json().path("secret").asString();
        assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
        assertThat(created.json().path("url").asString()).isEqualTo(receiver.url("/config"));

        JsonNode read = expect(api.admin("GET", webhook(tenant), null), 200).json();
        assertThat(read.has("secret")).isFalse();
        assertThat(read.toString()).doesNotContain(secret);
        assertThat(strings(read.path("types"))).containsExactly("transaction.approved");
        assertThat(read.path("backlog").asLong()).isZero();
        assertThat(read.path("deadLetters").asLong()).isZero();
        assertThat(new String(storedSecret(tenant), StandardCharsets.ISO_8859_1)).doesNotContain(secret)
                .doesNotContain(secret.substring(SECRET_PREFIX_LENGTH));

        Response replaced = api.admin("PUT", webhook(tenant), Map.of("url", receiver.url("/config-2")));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().has("secret")).isFalse();
        assertThat(replaced.json().path("types").size()).isZero();
        assertThat(replaced.json().path("url").asString()).isEqualTo(receiver.url("/config-2"));
        assertThat(auditTypes(tenant)).containsExactly("webhook.configured", "webhook.configured");
        assertThat(auditReasons(tenant, "webhook.configured")).containsExactly("created", "updated");
        Asserted.event("webhook.configured");
    }

    @Test
    void aTestNotificationArrivesSignedWithTheSecretAndVerifies() {
        String tenant = tenant("wh-signed");
        String secret = configured(tenant, "/signed");

        expect(api.admin("POST", webhook(tenant) + "/test", null), 202);

        Delivery delivery = awaitAccepted("/signed", 1).getFirst();
        assertThat(delivery.verified()).isTrue();
        assertThat(delivery.type()).isEqualTo(BankNotificationType.WEBHOOK_TEST.wireName());
        JsonNode body = delivery.json();
        assertThat(body.path("id").asString()).isEqualTo(delivery.eventId());
        assertThat(body.path("tenantId").asString()).isEqualTo(tenant);
        assertThat(body.path("subject").asString()).isEqualTo("webhook-test");
        assertThat(Instant.parse(body.path("occurredAt").asString())).isNotNull();
        assertThat(body.path("data").isObject()).isTrue();
        assertThat(receiver.attempts("/signed")).allSatisfy(d -> assertThat(d.body()).doesNotContain(secret));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                api.admin("GET", webhook(tenant), null).json().path("lastStatus").asInt()).isEqualTo(200));
    }

    @Test
    void aFailedDeliveryIsRetriedAfterItsBackoffWithTheSameEventId() {
        String tenant = tenant("wh-retry");
        configured(tenant, "/retry");
        receiver.failNext("/retry", 1);

        expect(api.admin("POST", webhook(tenant) + "/test", null), 202);
        await().atMost(DEADLINE).until(() -> receiver.attempts("/retry").size() == 1);
        assertThat(receiver.attempts("/retry").getFirst().status()).isEqualTo(500);
        clock.advance(Duration.ofSeconds(2));

        double deliveredBefore = deliveries("delivered");
        List<Delivery> accepted = awaitAccepted("/retry", 1);
        List<Delivery> attempts = receiver.attempts("/retry");
        assertThat(deliveries("failed")).isPositive();
        await().atMost(DEADLINE).until(() -> deliveries("delivered") > deliveredBefore);
        assertThat(attempts).hasSize(2);
        assertThat(accepted.getFirst().eventId()).isEqualTo(attempts.getFirst().eventId());
        assertThat(accepted.getFirst().body()).isEqualTo(attempts.getFirst().body());
        assertThat(attempts).allSatisfy(d -> assertThat(d.verified()).isTrue());
    }

    @Test
    void aNotificationWhoseTransactionRollsBackIsNeverWritten() {
        String tenant = tenant("wh-rollback");
        configured(tenant, "/rollback");

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            events.publishEvent(notification(tenant, "rolled-back"));
            throw new IllegalStateException("the action fails after publishing");
        })).hasMessage("the action fails after publishing");
        transaction.executeWithoutResult(status -> events.publishEvent(notification(tenant, "committed")));

        assertThat(outboxSubjects(tenant)).containsExactly("committed");
        List<Delivery> accepted = awaitAccepted("/rollback", 1);
        assertThat(accepted.getFirst().json().path("subject").asString()).isEqualTo("committed");
    }

    @Test
    void aNotificationOutsideATransactionIsRefusedLoudly() {
        String tenant = tenant("wh-no-tx");
        configured(tenant, "/no-tx");

        assertThatThrownBy(() -> events.publishEvent(notification(tenant, "outside")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside a transaction");
        assertThat(outboxSubjects(tenant)).isEmpty();
    }

    @Test
    void aRowLeasedByOneNodeIsNotClaimedByAnotherUntilTheLeaseEnds() {
        UUID unconfigured = UUID.randomUUID();
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> outbox.insert(UUID.randomUUID(), "wh-lease", unconfigured,
                "webhook.test", "{}", now, null, now.plus(Duration.ofDays(1))));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        List<Claimed> byFirst = claim(unconfigured, first, now, 10);
        List<Claimed> bySecondMeanwhile = claim(unconfigured, second, now.plus(LEASE).minusMillis(1), 10);
        List<Claimed> bySecondAfterTheLease = claim(unconfigured, second, now.plus(LEASE).plusMillis(1), 10);

        assertThat(byFirst).hasSize(1);
        assertThat(bySecondMeanwhile).isEmpty();
        assertThat(bySecondAfterTheLease).extracting(Claimed::id).containsExactly(byFirst.getFirst().id());
        assertThat(outbox.delivered(byFirst.getFirst(), first, 200, now, now)).as("the first lost its lease").isFalse();
        assertThat(outbox.delivered(bySecondAfterTheLease.getFirst(), second, 200, now, now)).isTrue();
    }

    @Test
    void twoNodesClaimingAtOnceNeverGetTheSameRow() throws Exception {
        UUID unconfigured = UUID.randomUUID();
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> IntStream.range(0, 40).forEach(i -> outbox.insert(UUID.randomUUID(),
                "wh-race", unconfigured, "webhook.test", "{}", now, null, now.plus(Duration.ofDays(1)))));
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<List<UUID>>> nodes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        for (int n = 0; n < 2; n++) {
            UUID node = UUID.randomUUID();
            nodes.add(CompletableFuture.supplyAsync(() -> {
                List<UUID> mine = new ArrayList<>();
                for (int round = 0; round < 8; round++) {
                    meet(together);
                    claim("wh-race", unconfigured, node, now, 5).forEach(c -> mine.add(c.id()));
                }
                return mine;
            }, threads));
        }
        threads.shutdown();

        List<UUID> a = nodes.get(0).get();
        List<UUID> b = nodes.get(1).get();
        Set<UUID> both = new HashSet<>(a);
        both.retainAll(b);
        assertThat(both).isEmpty();
        assertThat(a.size() + b.size()).isEqualTo(40);
    }

    @Test
    void aNotificationUndeliveredForTheMaximumAgeIsADeadLetterKeptAndCounted() {
        String tenant = tenant("wh-dead");
        configured(tenant, "/dead");
        receiver.failNext("/dead", Integer.MAX_VALUE);

        expect(api.admin("POST", webhook(tenant) + "/test", null), 202);
        await().atMost(DEADLINE).until(() -> !receiver.attempts("/dead").isEmpty());
        clock.advance(Duration.ofDays(3).plusMinutes(1));

        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode read = api.admin("GET", webhook(tenant), null).json();
            assertThat(read.path("deadLetters").asLong()).isEqualTo(1);
            assertThat(read.path("backlog").asLong()).isZero();
        });
        assertThat(jdbc.sql("SELECT dead_reason FROM webhook_outbox WHERE tenant_id = :t").param("t", tenant)
                .query(String.class).list()).containsExactly("max_age");
    }

    @Test
    void atTheBacklogCapANewNotificationIsWrittenAsADeadLetter() {
        String tenant = tenant("wh-cap");
        configured(tenant, "/cap");
        receiver.failNext("/cap", Integer.MAX_VALUE);

        transaction.executeWithoutResult(status -> IntStream.range(0, MAX_BACKLOG + 1)
                .forEach(i -> events.publishEvent(notification(tenant, "n-" + i))));

        JsonNode read = expect(api.admin("GET", webhook(tenant), null), 200).json();
        assertThat(read.path("backlog").asLong()).isEqualTo(MAX_BACKLOG);
        assertThat(read.path("deadLetters").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT dead_reason FROM webhook_outbox WHERE tenant_id = :t AND dead_at IS NOT NULL")
                .param("t", tenant).query(String.class).list()).containsExactly("backlog_full");
        assertThat(meters.find("biometric.webhooks.backlog").gauge()).isNotNull();
    }

    @Test
    void removingTheWebhookStopsItsDeliveriesAndARotatedSecretSignsTheNext() {
        String tenant = tenant("wh-removed");
        configured(tenant, "/removed");
        receiver.failNext("/removed", Integer.MAX_VALUE);
        expect(api.admin("POST", webhook(tenant) + "/test", null), 202);
        await().atMost(DEADLINE).until(() -> !receiver.attempts("/removed").isEmpty());

        expect(api.admin("DELETE", webhook(tenant), null), 204);
        assertProblem(api.admin("GET", webhook(tenant), null), 404, "webhook_not_found");
        configured(tenant, "/successor");
        String rotated = expect(api.admin("POST", webhook(tenant) + "/secret", null), 200).json()
                .path("secret").asString();
        receiver.secret("/successor", rotated);
        clock.advance(Duration.ofSeconds(5));
        expect(api.admin("POST", webhook(tenant) + "/test", null), 202);

        List<Delivery> successor = awaitAccepted("/successor", 1);
        assertThat(receiver.attempts("/successor")).hasSize(1).allSatisfy(d -> assertThat(d.verified()).isTrue());
        assertThat(receiver.attempts("/removed")).hasSize(1);
        assertThat(successor.getFirst().eventId()).isNotEqualTo(receiver.attempts("/removed").getFirst().eventId());
        assertThat(auditTypes(tenant)).containsExactly("webhook.configured", "webhook.removed", "webhook.configured",
                "webhook.secret_rotated");
        Asserted.event("webhook.removed");
        Asserted.event("webhook.secret_rotated");
    }

    /**
     * A receiver that answers its status line at once and then drips its body forever holds no delivery
     * thread past {@code request-timeout}: the attempt counts as no answer and every other tenant's
     * notifications still go out.
     */
    @Test
    void aReceiverDrippingItsBodyForeverIsCutOffAtTheRequestTimeout() throws Exception {
        HttpServer dripping = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dripping.createContext("/drip", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                while (true) {
                    body.write(' ');
                    body.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                exchange.close();
            }
        });
        dripping.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        dripping.start();
        try {
            String slow = tenant("wh-drip");
            expect(api.admin("PUT", webhook(slow), Map.of("url", "http://127.0.0.1:" + dripping.getAddress().getPort()
                    + "/drip", "types", List.of())), 201);
            expect(api.admin("POST", webhook(slow) + "/test", null), 202);
            await().atMost(DEADLINE).until(() -> api.admin("GET", webhook(slow), null).json().path("lastStatus").isNumber());
            assertThat(api.admin("GET", webhook(slow), null).json().path("lastStatus").asInt()).isZero();
            expect(api.admin("DELETE", webhook(slow), null), 204);

            String other = tenant("wh-drip-other");
            configured(other, "/drip-other");
            expect(api.admin("POST", webhook(other) + "/test", null), 202);
            assertThat(awaitAccepted("/drip-other", 1)).hasSize(1);
        } finally {
            dripping.stop(0);
        }
    }

    @Test
    void aUrlThatIsNotHttpsOrCarriesCredentialsIsRefused() {
        String tenant = tenant("wh-bad-url");

        assertProblem(api.admin("PUT", webhook(tenant), Map.of("url", "ftp://bank.example/hook")), 400,
                "webhook_url_invalid");
        assertProblem(api.admin("PUT", webhook(tenant), Map.of("url", "https://user:pw@bank.example/hook")), 400,
                "webhook_url_invalid");
        assertProblem(api.admin("POST", webhook(tenant) + "/test", null), 404, "webhook_not_found");
        assertProblem(api.admin("PUT", "/v1/admin/tenants/no-such-bank/webhook",
                Map.of("url", "https://bank.example/hook")), 404, "tenant_not_found");
    }

    @Test
    @SendsBadInput("a notification type the contract does not list")
    void anUnknownNotificationTypeIsRefused() {
        String tenant = tenant("wh-bad-type");

        assertProblem(api.admin("PUT", webhook(tenant),
                Map.of("url", "https://bank.example/hook", "types", List.of("transaction.teleported"))), 400,
                "invalid_request");
    }

    private String tenant(String id) {
        BankFixture.create(api, id, Map.of(), Map.of());
        return id;
    }

    private static Response expect(Response response, int status) {
        BankFixture.require(response, status);
        return response;
    }

    private double deliveries(String outcome) {
        return meters.get("biometric.webhooks.deliveries").tag("outcome", outcome).counter().count();
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }

    private static String webhook(String tenant) {
        return "/v1/admin/tenants/" + tenant + "/webhook";
    }

    private Response configure(String tenant, String path, List<String> types) {
        return api.admin("PUT", webhook(tenant), Map.of("url", receiver.url(path), "types", types));
    }

    /** A webhook for every type to {@code path}; the receiver verifies it with the secret answered. */
    private String configured(String tenant, String path) {
        String secret = expect(configure(tenant, path, List.of()), 201).json().path("secret").asString();
        receiver.secret(path, secret);
        return secret;
    }

    private static List<Delivery> awaitAccepted(String path, int count) {
        await().atMost(DEADLINE).until(() -> receiver.accepted(path).size() >= count);
        return receiver.accepted(path);
    }

    private static BankNotification notification(String tenant, String subject) {
        return new BankNotification(tenant, BankNotificationType.WEBHOOK_TEST, subject, Map.of());
    }

    private List<Claimed> claim(UUID webhookId, UUID node, Instant now, int limit) {
        return claim("wh-lease", webhookId, node, now, limit);
    }

    private List<Claimed> claim(String tenant, UUID webhookId, UUID node, Instant now, int limit) {
        return Objects.requireNonNull(transaction.execute(status -> outbox.claim(tenant, webhookId, node, now,
                now.plus(LEASE), limit)));
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> outboxSubjects(String tenant) {
        return jdbc.sql("SELECT body FROM webhook_outbox WHERE tenant_id = :t").param("t", tenant)
                .query(String.class).list().stream()
                .map(body -> ApiClient.JSON.readTree(body).path("subject").asString())
                .toList();
    }

    private byte[] storedSecret(String tenant) {
        return jdbc.sql("SELECT wrapped_secret FROM tenant_webhook WHERE tenant_id = :t").param("t", tenant)
                .query(byte[].class).single();
    }

    private List<String> auditTypes(String tenant) {
        return jdbc.sql("SELECT event_type FROM audit_event WHERE tenant_id = :t AND event_type LIKE 'webhook.%'"
                + " ORDER BY id").param("t", tenant).query(String.class).list();
    }

    private List<String> auditReasons(String tenant, String type) {
        return jdbc.sql("SELECT reason FROM audit_event WHERE tenant_id = :t AND event_type = :type ORDER BY id")
                .param("t", tenant).param("type", type).query(String.class).list();
    }
}
