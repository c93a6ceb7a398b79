package io.biometriccore.metadata.internal;

import static io.biometriccore.testkit.SoftwareAuthenticator.KeyType.ES256;
import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.internal.FailureAggregator;
import io.biometriccore.testkit.AttestationCa;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.Asserted;
import io.biometriccore.testsupport.MutableClock;
import io.biometriccore.testsupport.MutableClockConfiguration;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.TenantFixture;
import io.biometriccore.testsupport.TestMetadataBlobs;
import io.biometriccore.testsupport.TestMetadataBlobs.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The deployment's FIDO MDS3 BLOB, from a file, signed under a test MDS root: refreshed by the admin,
 * refused when tampered, mis-chained, past its grace or not newer (the last good one staying in force),
 * its roots trusting their own model only, its status reports refusing a compromised model, and its
 * staleness shown in health and then ending all trust from metadata.
 */
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = {"biometric.mds.revocation-check=false", "biometric.audit.failure-window=PT1H"})
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MdsIT extends PostgresIntegrationTest {

    private static final String REFRESH = "/v1/admin/mds/refresh";
    private static final TestMetadataBlobs MDS = TestMetadataBlobs.generate("Test MDS");
    private static final AttestationCa VENDOR_A = AttestationCa.generate("Vendor A");
    private static final AttestationCa VENDOR_B = AttestationCa.generate("Vendor B");
    private static final AttestationCa COMPROMISED = AttestationCa.generate("Compromised Vendor");
    private static final AtomicInteger NO = new AtomicInteger(100);
    private static Path source;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path directory = Files.createTempDirectory("mds");
        directory.toFile().deleteOnExit();
        source = directory.resolve("blob.jwt");
        Path root = MDS.writeRoot(directory);
        root.toFile().deleteOnExit();
        registry.add("biometric.mds.source", source::toString);
        registry.add("biometric.mds.root-certificate", root::toString);
    }

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("mdsHealthIndicator")
    HealthIndicator health;

    @Autowired
    MetadataBlobs blobs;

    @Autowired
    FailureAggregator aggregator;

    TenantFixture trustedOnly;

    @BeforeEach
    void tenant() {
        trustedOnly = TenantFixture.create(api, "mds-trusted", Map.of("requireTrustedAttestation", true));
    }

    private static String someone() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The models of a good BLOB: each vendor's root for its own AAGUID, B's root also listed for A's. */
    private static List<Model> models() {
        return List.of(new Model(VENDOR_A.aaguid(), VENDOR_A.root(), List.of("FIDO_CERTIFIED")),
                new Model(COMPROMISED.aaguid(), COMPROMISED.root(),
                        List.of("FIDO_CERTIFIED", "USER_KEY_REMOTE_COMPROMISE")));
    }

    private int loadGoodBlob() {
        int no = NO.incrementAndGet();
        TestMetadataBlobs.write(source, MDS.blob(no, today().plusDays(30), models()));
        Response refreshed = api.admin("POST", REFRESH, null);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().path("no").asInt()).isEqualTo(no);
        return no;
    }

    private Response registerWith(AttestationCa ca) {
        return trustedOnly.register(SoftwareAuthenticator.create(ES256, ca), someone());
    }

    private void assertRejectedAndLastGoodStays(String jws, String code, int lastGood) {
        TestMetadataBlobs.write(source, jws);
        assertProblem(api.admin("POST", REFRESH, null), 502, code);
        assertThat(storedNo()).isEqualTo(lastGood);
        assertThat(blobs.inForce().orElseThrow().no()).isEqualTo(lastGood);
        assertThat(registerWith(VENDOR_A).json().path("attestationTrust").asString()).isEqualTo("TRUSTED");
    }

    private int storedNo() {
        return jdbc.sql("SELECT no FROM mds_blob WHERE id = 1").query(Integer.class).single();
    }

    @Test
    @Order(1)
    void withNoBlobEverLoadedRequireTrustedAttestationRefuses() {
        assertThat(blobs.current()).isEmpty();

        assertProblem(registerWith(VENDOR_A), 400, "attestation_untrusted");
        assertProblem(api.admin("POST", REFRESH, null), 502, "mds_source_unreachable");
        assertThat(health.health().getStatus()).isEqualTo(MdsHealth.DEGRADED);
        assertThat(health.health().getDetails()).containsEntry("inForce", false);
    }

    @Test
    @Order(2)
    void anAdminRefreshTakesTheBlobIntoForceStoresItAndAuditsIt(CapturedOutput output) {
        int no = loadGoodBlob();

        Response registered = registerWith(VENDOR_A);
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.json().path("attestationTrust").asString()).isEqualTo("TRUSTED");
        assertThat(storedNo()).isEqualTo(no);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(output.getOut()).contains("mds.blob_loaded (reason admin:no=" + no + ")")
                .contains("of no tenant's audit log");
        Asserted.event("mds.blob_loaded");
    }

    @Test
    @Order(3)
    void theRefreshNeedsTheAdminKey() {
        assertProblem(api.post(REFRESH, null), 401, "unauthorized");
    }

    @Test
    @Order(3)
    void aRootInTheBlobTrustsItsOwnModelOnly() {
        loadGoodBlob();
        TenantFixture lenient = TenantFixture.create(api, "mds-lenient", Map.of());

        Response registered = lenient.register(SoftwareAuthenticator.create(ES256, VENDOR_B), someone());

        assertThat(registered.json().path("attestationTrust").asString()).isEqualTo("UNTRUSTED");
        assertProblem(registerWith(VENDOR_B), 400, "attestation_untrusted");
    }

    @Test
    @Order(3)
    void aTamperedBlobIsRejectedAndTheLastGoodOneStays(CapturedOutput output) {
        int lastGood = loadGoodBlob();

        assertRejectedAndLastGoodStays(TestMetadataBlobs.tampered(MDS.blob(lastGood + 1, today().plusDays(30),
                models())), "mds_blob_rejected", lastGood);
        aggregator.flush();
        assertThat(output.getOut()).contains("mds.blob_rejected (reason mds_blob_rejected)");
        Asserted.event("mds.blob_rejected");
    }

    @Test
    @Order(3)
    void aBlobWhoseChainDoesNotReachTheRootIsRejected() {
        int lastGood = loadGoodBlob();

        assertRejectedAndLastGoodStays(MDS.blobSignedBy(TestMetadataBlobs.generate("Rogue MDS"), lastGood + 1,
                today().plusDays(30), models()), "mds_blob_rejected", lastGood);
    }

    @Test
    @Order(3)
    void aBlobPastItsNextUpdateAndGraceIsRejected() {
        int lastGood = loadGoodBlob();

        assertRejectedAndLastGoodStays(MDS.blob(lastGood + 1, today().minusDays(8), models()), "mds_blob_rejected",
                lastGood);
    }

    @Test
    @Order(3)
    void aLowerOrEqualNoIsRejected() {
        int lastGood = loadGoodBlob();

        assertRejectedAndLastGoodStays(MDS.blob(lastGood - 1, today().plusDays(30), models()), "mds_blob_rejected",
                lastGood);
        assertRejectedAndLastGoodStays(MDS.blob(lastGood, today().plusDays(30), models()), "mds_blob_rejected",
                lastGood);
    }

    @Test
    @Order(3)
    void anUnreachableSourceKeepsTheLastGoodBlob() throws IOException {
        int lastGood = loadGoodBlob();
        Files.delete(source);

        assertProblem(api.admin("POST", REFRESH, null), 502, "mds_source_unreachable");
        assertThat(blobs.inForce().orElseThrow().no()).isEqualTo(lastGood);
        assertThat(health.health().getStatus()).isEqualTo(MdsHealth.DEGRADED);
    }

    @Test
    @Order(3)
    void aModelReportedCompromisedIsRefusedAtRegistrationUnlessTheTenantAllowsTheStatus() {
        loadGoodBlob();

        Response refused = registerWith(COMPROMISED);
        assertProblem(refused, 400, "authenticator_status_denied");
        assertThat(refused.json().path("detail").asString()).contains("USER_KEY_REMOTE_COMPROMISE");
        TenantFixture permissive = TenantFixture.create(api, "mds-permissive",
                Map.of("requireTrustedAttestation", true, "statusDeny", List.of("REVOKED")));
        Response registered = permissive.register(SoftwareAuthenticator.create(ES256, COMPROMISED), someone());
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aModelReportedAfterRegistrationIsRefusedAtSignInWhereThePolicyAppliesStatusDenyToIt() {
        loadGoodBlob();
        String tenantId = "mds-later-" + UUID.randomUUID().toString().substring(0, 8);
        TenantFixture bank = TenantFixture.create(api, tenantId, Map.of("statusDeny", List.of("REVOKED")));
        String alice = someone();
        SoftwareAuthenticator key = bank.enrolled(SoftwareAuthenticator.create(ES256, COMPROMISED), alice);
        amendPolicy(tenantId, "{\"authenticators\": {\"allowNone\": true, \"allowSelf\": true}}");
        assertThat(bank.authenticate(key, alice).status()).as("statusDeny at registration only").isEqualTo(200);

        amendPolicy(tenantId, "{\"authenticators\": {\"allowNone\": true, \"allowSelf\": true,"
                + " \"statusDenyAppliesTo\": {\"signIn\": true}}}");

        Response refused = bank.authenticate(key, alice);
        assertProblem(refused, 400, "authenticator_status_denied");
        assertThat(refused.json().path("detail").asString()).contains("USER_KEY_REMOTE_COMPROMISE");
    }

    private void amendPolicy(String tenantId, String document) {
        Response put = api.admin("PUT", "/v1/admin/tenants/" + tenantId + "/policy", Map.of("document",
                ApiClient.JSON.readTree(document), "author", "mds-it", "reason", "a model reported later"));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
    }

    @Test
    @Order(3)
    void aNewerBlobStoredByAnotherNodeIsTakenIntoForce() {
        int lastGood = loadGoodBlob();
        int newer = lastGood + 1;
        NO.set(newer);
        String jws = MDS.blob(newer, today().plusDays(30), models());
        jdbc.sql("UPDATE mds_blob SET no = :no, jws = :jws WHERE id = 1").param("no", newer).param("jws", jws).update();

        blobs.adoptStored();

        assertThat(blobs.inForce().orElseThrow().no()).isEqualTo(newer);
    }

    @Test
    @Order(4)
    void pastNextUpdateHealthIsDegradedAndAfterTheGraceNothingIsTrustedFromMetadata() {
        int no = NO.incrementAndGet();
        TestMetadataBlobs.write(source, MDS.blob(no, today().plusDays(1), models()));
        assertThat(api.admin("POST", REFRESH, null).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(2));
        assertThat(health.health().getStatus()).isEqualTo(MdsHealth.DEGRADED);
        assertThat(registerWith(VENDOR_A).json().path("attestationTrust").asString()).isEqualTo("TRUSTED");

        clock.advance(Duration.ofDays(7));
        assertThat(health.health().getDetails()).containsEntry("inForce", false);
        assertProblem(registerWith(VENDOR_A), 400, "attestation_untrusted");
    }
}
