package io.biometriccore.seeding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.BiometricCoreApplication;
import io.biometriccore.audit.AuditLogs;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditTables;
import io.biometriccore.audittools.VerificationReport;
import io.biometriccore.bench.ApprovalReport;
import io.biometriccore.bench.Config;
import io.biometriccore.bench.LoadGenerator;
import io.biometriccore.bench.SignInReport;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.credentials.DeviceDetails;
import io.biometriccore.identity.Customer;
import io.biometriccore.identity.Customers;
import io.biometriccore.tenancy.Tenants;
import io.biometriccore.testkit.SeededCustomer;
import io.biometriccore.testkit.SeededCustomers;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.PostgresSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The seeding command, run as {@code bin/seed} runs it (the application without its web layer) against
 * the schema of a running server; then customers picked from the derivation sign in to that server
 * over HTTP, the load generator's signin and approve scenarios run briefly against it, and the audit log,
 * seeded history included, verifies. Nothing here is about time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedCommandIT extends PostgresIntegrationTest {

    private static final String TENANT = "bench";
    private static final long SEED = 42;
    private static final int CUSTOMERS = 50;
    private static final int EVENTS = 300;
    private static final String RP_ID = "localhost";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // The command seals what it imports; the server's own sealer stays out of the count.
        registry.add("biometric.audit.seal-interval", () -> "PT24H");
        // The load generator signs the same few seeded customers in many times a second, which the velocity
        // signal rightly steps up and denies; this test proves the seeder and the load generator, so only the
        // engine's credential-status rule runs (the benchmark raises the bench tenant's counts instead).
        registry.add("biometric.risk.signals", () -> "none");
    }

    @Autowired
    Environment environment;

    @Autowired
    Customers customers;

    @Autowired
    Credentials credentials;

    @Autowired
    AuditLogs auditLogs;

    @Autowired
    Tenants tenants;

    @Autowired
    JdbcClient jdbc;

    private final SeededCustomers seeded = new SeededCustomers(SEED);
    private int exitStatus;

    @BeforeAll
    void seed() {
        exitStatus = seedCommand(TENANT, SEED);
    }

    /** The command as bin/seed runs it, against this server's schema and keys. */
    private int seedCommand(String tenant, long seed) {
        return BiometricCoreApplication.seed(
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + PostgresSchema.USER, "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=3",
                "--biometric.keys.directory=" + environment.getProperty("biometric.keys.directory"),
                "--biometric.keys.keystore-password=" + environment.getProperty("biometric.keys.keystore-password"),
                "--spring.main.banner-mode=off", "--biometric.seed.customers=" + CUSTOMERS,
                "--biometric.seed.events=" + EVENTS, "--biometric.seed.tenant=" + tenant, "--biometric.seed.seed=" + seed,
                "--biometric.seed.origin=" + origin(), "--biometric.seed.rp-id=" + RP_ID,
                "--biometric.seed.batch-size=20", "--biometric.seed.event-batch-size=64");
    }

    @Test
    void refusesToSeedATenantTwiceOrToReuseASeedInTheDatabaseAndCreatesNoTenantThen() {
        assertThatThrownBy(() -> seedCommand(TENANT, SEED + 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Tenant bench is seeded already");
        assertThatThrownBy(() -> seedCommand("bench-two", SEED)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Seed 42 has seeded tenant bench");
        assertThat(tenants.find("bench-two")).isEmpty();
    }

    @Test
    void seedsEveryCustomerWithOneActiveDeviceAsARegistrationWouldAndExitsWithZero() {
        assertThat(exitStatus).isZero();
        Set<String> namesAndPlatforms = new HashSet<>();
        for (long index = 0; index < CUSTOMERS; index++) {
            SeededCustomer expected = seeded.customer(index);
            Customer customer = customers.findByUsername(TENANT, expected.username()).orElseThrow();
            assertThat(customer.id()).isEqualTo(expected.customerId());
            assertThat(customer.userHandle().value()).isEqualTo(expected.userHandle());

            List<DeviceDetails> devices = credentials.devices(TENANT, customer.id());
            assertThat(devices).singleElement().satisfies(device -> {
                assertThat(device.id()).isEqualTo(expected.deviceId());
                assertThat(device.status()).isEqualTo(CredentialStatus.ACTIVE);
                assertThat(device.attestationTrust()).isEqualTo(AttestationTrust.NONE);
                assertThat(device.backupEligible()).isFalse();
            });
            namesAndPlatforms.add(devices.getFirst().name() + " / " + devices.getFirst().platform());
            assertThat(credentials.find(TENANT, expected.credentialId())).hasValueSatisfying(credential -> {
                assertThat(credential.publicKeyCose()).isEqualTo(expected.publicKeyCose());
                assertThat(credential.signCount()).isZero();
                assertThat(credential.transports()).containsExactly("internal");
                assertThat(credential.attestationFormat()).isEqualTo("none");
            });
        }
        assertThat(namesAndPlatforms).containsExactlyInAnyOrder("Safari on iOS / IOS", "Chrome on Android / ANDROID",
                "Edge on Windows / WINDOWS", "Safari on macOS / MACOS");
        Response inventory = api.admin("GET", "/v1/admin/tenants/" + TENANT + "/authenticators", null);
        assertThat(inventory.json().path("items")).as("the inventory counts the seeded credentials")
                .singleElement().satisfies(model -> {
                    assertThat(model.path("aaguid").asString()).isEqualTo("00000000-0000-0000-0000-000000000000");
                    assertThat(model.path("credentials").asLong()).isEqualTo(CUSTOMERS);
                    assertThat(model.path("deviceBound").asLong()).isEqualTo(CUSTOMERS);
                });
    }

    @Test
    void seededCustomersSignInOverHttpAndGetTokensAgainAndAgain() {
        for (long index : new long[] {0, 17, CUSTOMERS - 1}) {
            SeededCustomer customer = seeded.customer(index);
            SoftwareAuthenticator authenticator = customer.authenticator();
            for (int signIn = 0; signIn < 2; signIn++) {
                Response response = signIn(customer.username(), authenticator);

                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.json().path("access_token").asString()).isNotEmpty();
                assertThat(response.json().path("refresh_token").asString()).isNotEmpty();
            }
        }
    }

    @Test
    void importsTheSignInHistoryOfSeededCustomersSealedAndTheLogVerifies() {
        List<AuditEntry> imported = jdbc.sql("SELECT * FROM audit_event WHERE tenant_id = :tenant ORDER BY id")
                .param("tenant", TENANT).query((rs, row) -> AuditTables.event(rs)).list().stream()
                // The tenant's creation: its own event and its policy's version 1 (ADR 0039).
                .filter(e -> !Set.of("tenant.created", "policy.changed").contains(e.eventType())).toList();
        Set<UUID> seededIds = LongStream.range(0, CUSTOMERS).mapToObj(seeded::customerId).collect(Collectors.toSet());

        assertThat(imported).hasSizeGreaterThanOrEqualTo(EVENTS);
        assertThat(imported.subList(0, EVENTS)).allSatisfy(e -> {
            assertThat(e.customerId()).isIn(seededIds);
            assertThat(e.actorType()).isEqualTo("customer");
            assertThat(e.networkData()).isNotNull();
        });
        Map<String, Long> byType = imported.subList(0, EVENTS).stream()
                .collect(Collectors.groupingBy(AuditEntry::eventType, Collectors.counting()));
        assertThat(byType).containsOnly(Map.entry("authentication.succeeded", (long) EVENTS / 2),
                Map.entry("token.issued", (long) EVENTS / 2));

        VerificationReport report = auditLogs.verify(TENANT);
        assertThat(report.findings()).isEmpty();
        assertThat(report.leaves()).as("the history and the tenant's two set-up events").isEqualTo(EVENTS + 2);
    }

    @Test
    void theLoadGeneratorsSigninScenarioSignsInAsSeededCustomersAtEachLevelAndWritesJsonAndCharts(@TempDir Path out)
            throws Exception {
        Path json = out.resolve("signin.json");
        Config config = Config.parse(List.of("--url", origin(), "--scenario", "signin", "--tenant", TENANT,
                "--customers", String.valueOf(CUSTOMERS), "--seed", String.valueOf(SEED), "--concurrency", "1,2",
                "--warmup", "0.5", "--duration", "1", "--out", json.toString()), Map.of());

        SignInReport report = LoadGenerator.runSignIn(config);

        assertThat(report.serverPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(report.levels()).extracting(SignInReport.Level::concurrency).containsExactly(1, 2);
        assertThat(report.levels()).allSatisfy(level -> {
            assertThat(level.errors()).as("%s", level.errorSamples()).isZero();
            assertThat(level.signIns()).isPositive();
        });
        JsonNode written = ApiClient.JSON.readTree(json.toFile());
        assertThat(written.path("parameters").path("scenario").asString()).isEqualTo("signin");
        assertThat(written.path("levels")).hasSize(2).allSatisfy(level -> assertThat(level.propertyNames())
                .contains("concurrency", "signIns", "errors", "throughput", "latencyMs", "serverCpuMsPerSignIn",
                        "postgresCpuMsPerSignIn", "serverRssBytes"));
        assertThat(written.path("levels").get(0).path("latencyMs").propertyNames()).contains("p50", "p95", "p99");
        String charts = Files.readString(LoadGenerator.chartsFile(json));
        assertThat(charts).contains("<svg", "Throughput", "Latency").doesNotContain("<script", "src=");
    }

    @Test
    void theLoadGeneratorsApproveScenarioHasSeededCustomersApprovePaymentsAtEachLevelAndWritesJson(@TempDir Path out)
            throws Exception {
        Path json = out.resolve("approve.json");
        Config config = Config.parse(List.of("--url", origin(), "--scenario", "approve", "--tenant", TENANT,
                "--admin-key", ADMIN_KEY, "--customers", String.valueOf(CUSTOMERS), "--seed", String.valueOf(SEED),
                "--concurrency", "1,3", "--warmup", "0.5", "--duration", "1", "--out", json.toString()), Map.of());
        Set<UUID> seededIds = LongStream.range(0, CUSTOMERS).mapToObj(seeded::customerId).collect(Collectors.toSet());
        long approvedBefore = approvedTransactions();

        ApprovalReport report = LoadGenerator.runApproval(config);

        assertThat(report.serverPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(report.levels()).extracting(ApprovalReport.Level::concurrency).containsExactly(1, 3);
        assertThat(report.levels()).allSatisfy(level -> {
            assertThat(level.errors()).as("%s", level.errorSamples()).isZero();
            assertThat(level.approvals()).isPositive();
            assertThat(level.signIns()).isEqualTo(level.concurrency());
            assertThat(level.steps()).extracting(step -> step.step()).containsExactly("register", "options", "approve");
            assertThat(level.steps()).allSatisfy(step -> {
                assertThat(step.count()).isEqualTo(level.approvals());
                assertThat(step.errors()).isZero();
            });
        });
        int measured = report.levels().stream().mapToInt(ApprovalReport.Level::approvals).sum();
        // The warm-ups approved too: at least the measured approvals are in the database, all by seeded customers.
        assertThat(approvedTransactions() - approvedBefore).isGreaterThanOrEqualTo(measured);
        assertThat(jdbc.sql("SELECT DISTINCT customer_id FROM transactions WHERE tenant_id = :tenant")
                .param("tenant", TENANT).query(UUID.class).list()).isNotEmpty().allSatisfy(id -> assertThat(id).isIn(seededIds));
        JsonNode written = ApiClient.JSON.readTree(json.toFile());
        assertThat(written.path("parameters").path("scenario").asString()).isEqualTo("approve");
        assertThat(written.path("levels")).hasSize(2).allSatisfy(level -> assertThat(level.propertyNames())
                .contains("concurrency", "approvals", "errors", "throughput", "latencyMs", "steps",
                        "serverCpuMsPerApproval", "postgresCpuMsPerApproval", "serverRssBytes"));
        assertThat(written.path("levels").get(0).path("steps").get(2).path("latencyMs").propertyNames())
                .contains("p50", "p95", "p99");
        assertThat(written.toString()).doesNotContain(ADMIN_KEY);
    }

    private long approvedTransactions() {
        return jdbc.sql("SELECT count(*) FROM transactions WHERE tenant_id = :tenant AND status = 'approved'")
                .param("tenant", TENANT).query(Long.class).single();
    }

    private Response signIn(String username, SoftwareAuthenticator authenticator) {
        Response options = api.post("/v1/tenants/" + TENANT + "/authentication/options", Map.of("username", username));
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        JsonNode challenge = options.json().path("challenge");
        return api.post("/v1/tenants/" + TENANT + "/authentication/verify",
                authenticator.authenticate(AuthenticationInput.of(challenge.asString(), origin(), RP_ID)));
    }

    private String origin() {
        return "http://localhost:" + port;
    }
}
