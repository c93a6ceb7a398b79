package io.biometriccore.audit;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.internal.DataKeys;
import io.biometriccore.audit.internal.FailureAggregator;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * One audit event per security-relevant action, with the right fields. Each case performs one action
 * over HTTP and then finds, among the events written since, exactly one of the expected type.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailIT extends PostgresIntegrationTest {

    private static final String TENANT = "audit-trail";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataKeys dataKeys;

    @Autowired
    private FailureAggregator failures;

    /** What a case did, for the assertions: the tenant, the subject it acted on and who acted. */
    record Acted(String tenantId, String actorType, UUID customerId, UUID deviceId, UUID sessionId, String reason) {
        static Acted by(String actorType) {
            return new Acted(TENANT, actorType, null, null, null, null);
        }

        /** The event belongs to another tenant than the suite's: one the case itself created. */
        Acted tenant(String id) {
            return new Acted(id, actorType, customerId, deviceId, sessionId, reason);
        }

        Acted customer(UUID id) {
            return new Acted(tenantId, actorType, id, deviceId, sessionId, reason);
        }

        Acted device(UUID id) {
            return new Acted(tenantId, actorType, customerId, id, sessionId, reason);
        }

        Acted session(String id) {
            return new Acted(tenantId, actorType, customerId, deviceId, UUID.fromString(id), reason);
        }

        Acted reason(String value) {
            return new Acted(tenantId, actorType, customerId, deviceId, sessionId, value);
        }
    }

    /** One action of the list. */
    record Action(String type, boolean success, Function<AuditTrailIT, Acted> perform) {
        @Override
        public String toString() {
            return type;
        }
    }

    private BankFixture bank;

    @BeforeEach
    void tenant() {
        bank = BankFixture.create(api, TENANT, Map.of(), Map.of());
    }

    static Stream<Action> actions() {
        return Stream.of(
                new Action("registration.succeeded", true, t -> {
                    UUID customer = t.bank.createCustomer(t.someone());
                    Response registered = t.bank.register(t.authenticator(), t.bank.grant(customer), i -> i);
                    return Acted.by("anonymous").customer(customer).device(t.deviceOf(registered));
                }),
                new Action("registration.failed", false, t -> {
                    UUID customer = t.bank.createCustomer(t.someone());
                    Response rejected = t.bank.register(t.authenticator(), t.bank.grant(customer),
                            i -> i.withOrigin("https://evil.example"));
                    assertCode(rejected, "origin_not_allowed");
                    return Acted.by("anonymous").reason("origin_not_allowed");
                }),
                new Action("authentication.succeeded", true, t -> {
                    Enrolled e = t.enrolled();
                    BankFixture.require(t.bank.signIn(e.authenticator(), e.username()), 200);
                    return Acted.by("customer").customer(e.customerId()).device(e.deviceId());
                }),
                new Action("authentication.failed", false, t -> {
                    Enrolled e = t.enrolled();
                    Response rejected = t.bank.signIn(e.authenticator(), e.username(), Map.of(), TenantFixture.ORIGIN,
                            i -> i.withCorruptSignature(true));
                    assertCode(rejected, "signature_invalid");
                    return Acted.by("anonymous").customer(e.customerId()).reason("signature_invalid");
                }),
                new Action("token.issued", true, t -> {
                    Enrolled e = t.enrolled();
                    JsonNode tokens = t.bank.tokens(e.authenticator(), e.username());
                    return Acted.by("customer").customer(e.customerId()).device(e.deviceId())
                            .session(tokens.path("session_id").asString());
                }),
                new Action("token.refreshed", true, t -> {
                    Enrolled e = t.enrolled();
                    JsonNode tokens = t.bank.tokens(e.authenticator(), e.username());
                    t.mark();
                    BankFixture.require(t.bank.refresh(tokens.path("refresh_token").asString()), 200);
                    return Acted.by("anonymous").customer(e.customerId()).session(tokens.path("session_id").asString());
                }),
                new Action("token.revoked", true, t -> {
                    Enrolled e = t.enrolled();
                    JsonNode tokens = t.bank.tokens(e.authenticator(), e.username());
                    t.mark();
                    t.bank.backend("POST", "/sessions/" + tokens.path("session_id").asString() + "/revoke", null);
                    return Acted.by("api_key").customer(e.customerId()).session(tokens.path("session_id").asString())
                            .reason("revoked_by_bank");
                }),
                new Action("token.reuse_detected", true, t -> {
                    Enrolled e = t.enrolled();
                    JsonNode tokens = t.bank.tokens(e.authenticator(), e.username());
                    BankFixture.require(t.bank.refresh(tokens.path("refresh_token").asString()), 200);
                    t.mark();
                    assertCode(t.bank.refresh(tokens.path("refresh_token").asString()), "refresh_token_reused");
                    return Acted.by("anonymous").customer(e.customerId()).session(tokens.path("session_id").asString());
                }),
                new Action("device.renamed", true, t -> t.deviceAction("PATCH", "", Map.of("name", "Work phone"))),
                new Action("device.suspended", true, t -> t.deviceAction("POST", "/suspend", null)),
                new Action("device.resumed", true, t -> {
                    Enrolled e = t.enrolled();
                    t.bank.backend("POST", "/customers/" + e.customerId() + "/devices/" + e.deviceId() + "/suspend", null);
                    t.mark();
                    BankFixture.require(t.bank.backend("POST",
                            "/customers/" + e.customerId() + "/devices/" + e.deviceId() + "/resume", null), 200);
                    return Acted.by("api_key").customer(e.customerId()).device(e.deviceId());
                }),
                new Action("device.revoked", true, t -> t.deviceAction("POST", "/revoke", null)),
                new Action("device.clone_suspected", true, t -> {
                    Enrolled e = t.enrolled();
                    e.authenticator().signCount(10);
                    t.bank.tokens(e.authenticator(), e.username());
                    e.authenticator().signCount(2);
                    t.mark();
                    assertCode(t.bank.signIn(e.authenticator(), e.username()), "counter_regression");
                    return Acted.by("anonymous").customer(e.customerId()).device(e.deviceId())
                            .reason("counter_regression");
                }),
                new Action("enrollment_grant.issued", true, t -> {
                    UUID customer = t.bank.createCustomer(t.someone());
                    t.mark();
                    t.bank.grant(customer);
                    return Acted.by("api_key").customer(customer);
                }),
                new Action("enrollment_grant.used", true, t -> {
                    UUID customer = t.bank.createCustomer(t.someone());
                    String grant = t.bank.grant(customer);
                    t.mark();
                    BankFixture.require(t.bank.register(t.authenticator(), grant, i -> i), 200);
                    return Acted.by("anonymous").customer(customer);
                }),
                new Action("api_key.created", true, t -> {
                    BankFixture.createApiKey(t.api, TENANT, List.of("users"));
                    return Acted.by("admin");
                }),
                new Action("api_key.used", true, t -> {
                    String key = BankFixture.createApiKey(t.api, TENANT, List.of("users"));
                    t.mark();
                    for (int i = 0; i < 3; i++) {
                        t.api.send("GET", t.bank.path("/customers?externalId=nobody"), null, "Authorization", "Bearer " + key);
                    }
                    return Acted.by("api_key").reason(key.substring(4, 20));
                }),
                new Action("api_key.revoked", true, t -> {
                    String key = BankFixture.createApiKey(t.api, TENANT, List.of("users"));
                    t.mark();
                    t.api.admin("DELETE", "/v1/admin/tenants/" + TENANT + "/api-keys/" + key.substring(4, 20), null);
                    return Acted.by("admin").reason(key.substring(4, 20));
                }),
                new Action("tenant.changed", true, t -> {
                    BankFixture.create(t.api, TENANT, Map.of("challengeTimeout", "PT2M"), Map.of());
                    return Acted.by("admin");
                }),
                new Action("audit.exported", true, t -> {
                    assertThat(t.api.admin("GET", "/v1/admin/tenants/" + TENANT + "/audit/export", null).status())
                            .isEqualTo(200);
                    return Acted.by("admin");
                }),
                new Action("audit.searched", true, t -> {
                    assertThat(t.api.admin("GET", "/v1/admin/tenants/" + TENANT + "/audit/events?type=token.issued",
                            null).status()).isEqualTo(200);
                    return Acted.by("admin");
                }),
                new Action("customer.created", true, t -> {
                    UUID customer = t.bank.createCustomer(t.someone());
                    return Acted.by("api_key").customer(customer);
                }),
                new Action("tenant.created", true, t -> {
                    String created = "audit-trail-" + System.nanoTime();
                    BankFixture.create(t.api, created, Map.of(), Map.of());
                    return Acted.by("admin").tenant(created);
                }),
                new Action("signing_key.rotated", true, t -> {
                    Response rotated = t.api.admin("POST", "/v1/admin/tenants/" + TENANT + "/signing-keys/rotate", null);
                    BankFixture.require(rotated, 200);
                    return Acted.by("admin").reason(rotated.json().path("kid").asString());
                }),
                new Action("cross_channel.approved", true, t -> {
                    Enrolled e = t.enrolled();
                    Response phone = t.bank.signIn(e.authenticator(), e.username(), Map.of(), BankFixture.ANDROID_ORIGIN,
                            i -> i);
                    BankFixture.require(phone, 200);
                    Response started = t.api.post(t.bank.path("/cross-channel"), null);
                    BankFixture.require(started, 201);
                    String id = started.json().path("id").asString();
                    String[] bearer = {"Authorization", "Bearer " + phone.json().path("access_token").asString()};
                    Response options = t.api.post(t.bank.path("/cross-channel/" + id + "/approval/options"), null,
                            bearer);
                    BankFixture.require(options, 200);
                    String assertion = e.authenticator().authenticate(AuthenticationInput.of(
                            options.json().path("publicKey").path("challenge").asString(), BankFixture.ANDROID_ORIGIN,
                            TenantFixture.RP_ID));
                    t.mark();
                    BankFixture.require(t.api.post(t.bank.path("/cross-channel/" + id + "/approval"), Map.of(
                            "userCode", started.json().path("userCode").asString(),
                            "credential", ApiClient.JSON.readTree(assertion)), bearer), 204);
                    return Acted.by("customer").customer(e.customerId()).device(e.deviceId())
                            .session(phone.json().path("session_id").asString()).reason(id);
                }),
                new Action("customer.deleted", true, t -> {
                    Enrolled e = t.enrolled();
                    t.mark();
                    BankFixture.require(t.bank.backend("DELETE", "/customers/" + e.customerId(), null), 204);
                    return Acted.by("api_key").customer(e.customerId());
                }));
    }

    private long mark;

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void eachActionWritesExactlyOneEventWithItsFields(Action action) {
        mark();
        Acted acted = action.perform().apply(this);
        failures.flush();

        List<Map<String, Object>> events = jdbc.sql("""
                SELECT * FROM audit_event WHERE tenant_id = :tenant AND id > :mark AND event_type = :type""")
                .param("tenant", acted.tenantId()).param("mark", mark).param("type", action.type()).query().listOfRows();

        assertThat(events).as(action.type()).hasSize(1);
        Asserted.event(action.type());
        Map<String, Object> event = events.getFirst();
        assertThat(event.get("outcome")).isEqualTo(action.success() ? "success" : "failure");
        assertThat(event.get("event_class")).isEqualTo(action.type().substring(0, action.type().indexOf('.')));
        assertThat(event.get("actor_type")).isEqualTo(acted.actorType());
        assertThat(event.get("correlation_id")).asString().isNotBlank();
        assertThat(event.get("occurred_at")).isNotNull();
        if (acted.customerId() != null) {
            assertThat(event.get("customer_id")).isEqualTo(acted.customerId());
        }
        if (acted.deviceId() != null) {
            assertThat(event.get("device_id")).isEqualTo(acted.deviceId());
        }
        if (acted.sessionId() != null) {
            assertThat(event.get("session_id")).isEqualTo(acted.sessionId());
        }
        if (acted.reason() != null) {
            assertThat(event.get("reason")).isEqualTo(acted.reason());
        }
        if (event.get("occurrences") != null) {
            // A failure with no known customer is counted, not written with its request (ADR 0025).
            assertThat(event.get("occurrences")).isEqualTo(1);
            assertThat(event.get("network_data")).isNull();
            return;
        }
        String network = dataKeys.decrypt(acted.tenantId(), (UUID) event.get("network_key_id"), (byte[]) event.get("network_data"))
                .orElseThrow();
        assertThat(network).contains("\"ip\":\"127.0.0.1\"").contains("\"userAgent\"");
    }

    private void mark() {
        mark = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
    }

    record Enrolled(String username, UUID customerId, UUID deviceId, SoftwareAuthenticator authenticator) {
    }

    private Enrolled enrolled() {
        String username = someone();
        SoftwareAuthenticator authenticator = authenticator();
        UUID customerId = bank.enrolled(username, authenticator);
        UUID deviceId = bank.firstDevice(customerId);
        mark();
        return new Enrolled(username, customerId, deviceId, authenticator);
    }

    private Acted deviceAction(String method, String action, Object body) {
        Enrolled e = enrolled();
        BankFixture.require(bank.backend(method, "/customers/" + e.customerId() + "/devices/" + e.deviceId() + action,
                body), 200);
        return Acted.by("api_key").customer(e.customerId()).device(e.deviceId());
    }

    private UUID deviceOf(Response registered) {
        BankFixture.require(registered, 200);
        return UUID.fromString(registered.json().path("deviceId").asString());
    }

    private String someone() {
        return "user" + System.nanoTime();
    }

    private SoftwareAuthenticator authenticator() {
        return SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
    }
}
