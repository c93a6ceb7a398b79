package io.biometriccore.audit;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biometriccore.audittools.AuditCommand;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Tampering straight in PostgreSQL, as a superuser who switches the append-only triggers off, is found
 * by {@code audit verify} (from the database and from the admin API's export) and by the admin API's
 * verification, each kind naming the event and the leaf where it happened. Every test has a tenant of
 * its own, whose activity was sealed under two signed heads an hour apart; the sealer keeps running,
 * so only sealed rows are touched.
 */
@Import(MutableClockConfiguration.class)
class AuditTamperIT extends PostgresIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SUPERUSER = "postgres";
    private static final AtomicInteger TENANTS = new AtomicInteger();

    @Autowired
    private MutableClock clock;

    @Autowired
    private Environment environment;

    @Autowired
    private JdbcClient jdbc;

    @TempDir
    private Path dir;

    private String tenant;
    private String audit;
    /** An event id taken between the two sealed batches and never used: room for an inserted row. */
    private long freeId;

    @BeforeEach
    void sealedActivity() throws SQLException {
        tenant = "tamper-bank-" + TENANTS.incrementAndGet();
        audit = "/v1/admin/tenants/" + tenant + "/audit";
        BankFixture bank = BankFixture.create(api, tenant, Map.of(), Map.of());
        signUpAndIn(bank);
        awaitSealed();
        try (Connection db = superuser(); Statement takeId = db.createStatement();
             var id = takeId.executeQuery("SELECT nextval(pg_get_serial_sequence('audit_event', 'id'))")) {
            id.next();
            freeId = id.getLong(1);
        }
        clock.advance(Duration.ofHours(1));
        signUpAndIn(bank);
        awaitSealed();
    }

    @Test
    void anUntouchedLogVerifiesFromTheDatabaseFromItsExportAndOnTheServer() throws IOException {
        long events = count("SELECT count(*) FROM audit_event WHERE tenant_id = ?");
        int heads = admin("GET", "/tree-heads").json().size();
        String ok = "OK: " + events + " events, " + events + " leaves, " + heads + " signed tree heads verified";

        assertThat(heads).isGreaterThanOrEqualTo(2);
        assertThat(verifyDatabase()).isEqualTo(new Verdict(0, List.of(ok)));
        assertThat(verifyExport()).isEqualTo(new Verdict(0, List.of(ok)));
        awaitSealed();
        long withExport = count("SELECT count(*) FROM audit_event WHERE tenant_id = ?");
        assertThat(withExport).as("the export is audited").isEqualTo(events + 1);
        JsonNode report = admin("POST", "/verify").json();
        assertThat(report.path("tenantId").asString()).isEqualTo(tenant);
        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("events").asLong()).isEqualTo(withExport);
        assertThat(report.path("leaves").asLong()).isEqualTo(withExport);
        assertThat(report.path("treeHeads").asInt()).isEqualTo(admin("GET", "/tree-heads").json().size());
        assertThat(report.path("findings").isEmpty()).isTrue();
    }

    @Test
    void theExportIsTheWholeLogOneJsonObjectPerLine() {
        Response export = admin("GET", "/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        assertThat(export.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        List<JsonNode> lines = export.body().lines().map(ApiClient.JSON::readTree).toList();
        JsonNode header = lines.getFirst();
        assertThat(header.path("kind").asString()).isEqualTo("header");
        assertThat(header.path("tenantId").asString()).isEqualTo(tenant);
        assertThat(Instant.parse(header.path("exportedAt").asString())).isEqualTo(clock.instant());
        List<Long> events = jdbc.sql("SELECT id FROM audit_event WHERE tenant_id = ? AND event_type <> 'audit.exported'"
                + " ORDER BY id").param(tenant).query(Long.class).list();
        assertThat(lines.stream().filter(l -> l.path("kind").asString().equals("event")))
                .allSatisfy(e -> assertThat(e.path("tenantId").asString()).isEqualTo(tenant))
                .extracting(e -> e.path("id").asLong()).containsExactlyElementsOf(events);
        assertThat(lines.stream().filter(l -> l.path("kind").asString().equals("leaf")))
                .extracting(l -> l.path("eventId").asLong()).containsExactlyElementsOf(sealedEvents());
        assertThat(lines.stream().filter(l -> l.path("kind").asString().equals("head")))
                .hasSize(admin("GET", "/tree-heads").json().size());
    }

    @Test
    void aModifiedEventIsFound() throws IOException, SQLException {
        long modified = sealedEvents().get(1);

        tamper("UPDATE audit_event SET reason = 'forged' WHERE id = ?", modified);

        assertFirstFinding("MODIFIED", modified, 1);
    }

    @Test
    void aDeletedEventIsFound() throws IOException, SQLException {
        long deleted = sealedEvents().get(2);

        tamper("DELETE FROM audit_event WHERE id = ?", deleted);

        assertFirstFinding("DELETED", deleted, 2);
    }

    /**
     * A row slipped in below the sealed events, an hour after it claims to have occurred, with its row
     * in the sealer's queue. The sealer seals it as it would a late transaction's event, and the
     * verification still finds it.
     */
    @Test
    void anEventInsertedAmongSealedOnesIsFound() throws IOException, SQLException {
        long before = sealedEvents().size();

        insertForgedEvent();
        tamper("INSERT INTO audit_unsealed (tenant_id, event_id) VALUES (?, ?)", tenant, freeId);
        awaitSealed();

        assertThat(sealedEvents()).hasSize((int) before + 1).last().isEqualTo(freeId);
        assertFirstFinding("INSERTED", freeId, before);
    }

    /**
     * The same row slipped in without a row in the sealer's queue: the sealer never sees it, and the
     * verification finds it unsealed although later heads were signed long after it claims to have
     * occurred.
     */
    @Test
    void anEventInsertedWithoutItsQueueRowStaysUnsealedAndIsFound() throws SQLException {
        long before = sealedEvents().size();

        insertForgedEvent();
        // The export's own event goes through the queue: once it is sealed, the sealer has had its go.
        assertThat(admin("GET", "/export").status()).isEqualTo(200);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> sealedEvents().size() == before + 1);

        assertThat(sealedEvents()).doesNotContain(freeId);
        JsonNode report = admin("POST", "/verify").json();
        assertThat(report.path("intact").asBoolean()).isFalse();
        JsonNode finding = report.path("findings").get(0);
        assertThat(finding.path("kind").asString()).isEqualTo("INSERTED");
        assertThat(finding.path("eventId").asLong()).isEqualTo(freeId);
        assertThat(finding.has("leafIndex")).as("an unsealed event has no leaf").isFalse();
    }

    /** An event with the unused id {@link #freeId}, a copy of the event before it but a millisecond later. */
    private void insertForgedEvent() throws SQLException {
        long neighbour = jdbc.sql("SELECT max(id) FROM audit_event WHERE tenant_id = ? AND id < ?").param(tenant)
                .param(freeId).query(Long.class).single();
        tamper("""
                INSERT INTO audit_event (id, tenant_id, occurred_at, event_type, event_class, outcome, reason,
                    actor_type, actor_id, customer_id, device_id, credential_id, session_id, channel, correlation_id)
                SELECT ?, tenant_id, occurred_at + interval '1 millisecond', event_type, event_class, outcome,
                    'forged', actor_type, actor_id, customer_id, device_id, credential_id, session_id, channel,
                    correlation_id
                  FROM audit_event WHERE id = ?""", freeId, neighbour);
    }

    @Test
    void twoSwappedEventsAreFoundReordered() throws IOException, SQLException {
        long first = sealedEvents().get(1);
        long second = sealedEvents().get(3);

        tamper("""
                UPDATE audit_event e
                   SET (tenant_id, occurred_at, event_type, event_class, outcome, reason, actor_type, actor_id,
                        customer_id, device_id, credential_id, session_id, channel, correlation_id, network_key_id,
                        network_data, personal_key_id, personal_data)
                     = (o.tenant_id, o.occurred_at, o.event_type, o.event_class, o.outcome, o.reason, o.actor_type,
                        o.actor_id, o.customer_id, o.device_id, o.credential_id, o.session_id, o.channel,
                        o.correlation_id, o.network_key_id, o.network_data, o.personal_key_id, o.personal_data)
                  FROM audit_event o
                 WHERE (e.id = ? AND o.id = ?) OR (e.id = ? AND o.id = ?)""", first, second, second, first);

        assertFirstFinding("REORDERED", first, 1);
        JsonNode findings = admin("POST", "/verify").json().path("findings");
        assertThat(findings.size()).isEqualTo(2);
        assertThat(findings.get(1).path("kind").asString()).isEqualTo("REORDERED");
        assertThat(findings.get(1).path("eventId").asLong()).isEqualTo(second);
        assertThat(findings.get(1).path("leafIndex").asLong()).isEqualTo(3);
    }

    @Test
    void theAuditApiNeedsTheAdminKeyAndAKnownTenant() {
        Response anonymous = api.get(audit + "/tree-heads");
        assertThat(anonymous.status()).isEqualTo(401);
        assertCode(anonymous, "unauthorized");

        String unknown = "/v1/admin/tenants/no-such-bank/audit";
        for (String[] route : List.of(new String[] {"GET", "/tree-heads"}, new String[] {"GET", "/public-keys"},
                new String[] {"GET", "/proofs/inclusion?eventId=1&treeSize=1"},
                new String[] {"GET", "/proofs/consistency?first=1&second=1"}, new String[] {"POST", "/verify"},
                new String[] {"GET", "/export"})) {
            Response response = api.admin(route[0], unknown + route[1], null);
            assertThat(response.status()).as(route[1]).isEqualTo(404);
            assertCode(response, "tenant_not_found");
        }
    }

    private void assertFirstFinding(String kind, long eventId, long leafIndex) throws IOException {
        String first = kind + " event " + eventId + " at leaf " + leafIndex + ": ";
        for (Verdict verdict : List.of(verifyDatabase(), verifyExport())) {
            assertThat(verdict.status()).as(verdict.toString()).isEqualTo(1);
            assertThat(verdict.lines().getFirst()).as(verdict.toString()).startsWith("TAMPERED: ");
            assertThat(verdict.lines().get(1)).as(verdict.toString()).startsWith(first);
        }
        JsonNode report = admin("POST", "/verify").json();
        assertThat(report.path("intact").asBoolean()).isFalse();
        JsonNode finding = report.path("findings").get(0);
        assertThat(finding.path("kind").asString()).isEqualTo(kind);
        assertThat(finding.path("eventId").asLong()).isEqualTo(eventId);
        assertThat(finding.path("leafIndex").asLong()).isEqualTo(leafIndex);
        assertThat(finding.path("detail").asString()).isNotBlank();
    }

    /** A sign-up, a sign-in, and a sign-in from a foreign origin that fails. */
    private void signUpAndIn(BankFixture bank) {
        SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        String username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
        bank.tokens(phone, username);
        Response foreign = bank.signIn(phone, username, Map.of(), "https://evil.example", UnaryOperator.identity());
        assertCode(foreign, "origin_not_allowed");
    }

    /** Waits until the tenant's latest signed head covers every one of its events. */
    private void awaitSealed() {
        long events = count("SELECT count(*) FROM audit_event WHERE tenant_id = ?");
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode heads = admin("GET", "/tree-heads").json();
            return !heads.isEmpty() && heads.get(heads.size() - 1).path("treeSize").asLong() >= events;
        });
    }

    /** The event ids of the tenant's leaves, in leaf order. */
    private List<Long> sealedEvents() {
        return jdbc.sql("SELECT event_id FROM audit_leaf WHERE tenant_id = ? ORDER BY leaf_index").param(tenant)
                .query(Long.class).list();
    }

    private long count(String sql) {
        return jdbc.sql(sql).param(tenant).query(Long.class).single();
    }

    /** Runs {@code sql} as a superuser with the triggers off, as an attacker with database access would. */
    private void tamper(String sql, Object... parameters) throws SQLException {
        try (Connection db = superuser(); Statement session = db.createStatement()) {
            session.execute("SET session_replication_role = replica");
            try (PreparedStatement statement = db.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                assertThat(statement.executeUpdate()).as("rows tampered with").isPositive();
            }
        }
    }

    private Connection superuser() throws SQLException {
        return DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"), SUPERUSER, "");
    }

    private Response admin(String method, String suffix) {
        return api.admin(method, audit + suffix, null);
    }

    /** {@code audit verify --jdbc-url}, on the test's own database and schema. */
    private Verdict verifyDatabase() throws IOException {
        String url = environment.getRequiredProperty("spring.datasource.url");
        String schema = Arrays.stream(URI.create(url.substring("jdbc:".length())).getQuery().split("&"))
                .filter(p -> p.startsWith("currentSchema=")).map(p -> p.substring("currentSchema=".length()))
                .findFirst().orElseThrow();
        return command("--keys", keys(), "--jdbc-url", url.substring(0, url.indexOf('?')), "--schema", schema,
                "--user", environment.getRequiredProperty("spring.datasource.username"), "--tenant", tenant);
    }

    /** {@code audit verify --file} on the admin API's export. */
    private Verdict verifyExport() throws IOException {
        Response export = admin("GET", "/export");
        assertThat(export.status()).isEqualTo(200);
        Path file = Files.writeString(dir.resolve(tenant + ".ndjson"), export.body());
        return command("--keys", keys(), "--file", file.toString());
    }

    /** The tenant's audit keys from the admin API, in a file for the command. */
    private String keys() throws IOException {
        Response keys = admin("GET", "/public-keys");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().path("keys").isEmpty()).isFalse();
        return Files.writeString(dir.resolve(tenant + "-keys.json"), keys.body()).toString();
    }

    private static Verdict command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] verify = new String[args.length + 1];
        verify[0] = "verify";
        System.arraycopy(args, 0, verify, 1, args.length);
        int status = AuditCommand.run(verify, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).as("the command's errors").isEmpty();
        return new Verdict(status, out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** What {@code audit verify} answered: its exit status and its output lines. */
    private record Verdict(int status, List<String> lines) {
    }
}
