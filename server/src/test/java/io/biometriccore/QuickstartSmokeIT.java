package io.biometriccore;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.AuditImport;
import io.biometriccore.audit.AuditLogs;
import io.biometriccore.audit.ConsistencyProof;
import io.biometriccore.audit.InclusionProof;
import io.biometriccore.audit.SignedTreeHead;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditExport;
import io.biometriccore.audittools.AuditSnapshot;
import io.biometriccore.audittools.Rfc9162Verifier;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testkit.SoftwareAuthenticator.RegistrationInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The quick-start mode as {@code bin/quickstart} runs it: profile {@code quickstart}, embedded H2
 * under the data directory, no PostgreSQL, and the {@code demo} tenant serving a full passkey
 * round trip. The context is closed after the class, before its data directory is deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("quickstart")
@DirtiesContext
class QuickstartSmokeIT {

    private static final String DEMO = "/v1/tenants/demo";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("biometric.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditImport auditImport;

    @Autowired
    AuditLogs auditLogs;

    @Test
    void registersAndSignsInUsernamelessWithTheDemoTenantOnAnEmbeddedDatabase() {
        ApiClient api = new ApiClient(port);
        String origin = "http://localhost:" + port;
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);

        Response creation = api.post(DEMO + "/registration/options",
                Map.of("username", "alice", "displayName", "Alice"));
        assertThat(creation.status()).as(creation.body()).isEqualTo(200);
        JsonNode creationOptions = creation.json();
        byte[] userHandle = Base64.getUrlDecoder().decode(creationOptions.path("user").path("id").asString());
        String attestation = authenticator.register(
                RegistrationInput.of(creationOptions.path("challenge").asString(), origin, "localhost")
                        .withUserHandle(userHandle));
        Response registered = api.post(DEMO + "/registration/verify", attestation);
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);

        Response request = api.post(DEMO + "/authentication/options", Map.of());
        assertThat(request.status()).as(request.body()).isEqualTo(200);
        String assertion = authenticator.authenticate(
                AuthenticationInput.of(request.json().path("challenge").asString(), origin, "localhost"));
        Response signedIn = api.post(DEMO + "/authentication/verify", assertion);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().path("username").asString()).isEqualTo("alice");

        assertThat(dataDir.resolve("biometric.mv.db")).isRegularFile();
    }

    @Test
    void theDemoTenantServesTheConformanceRoutes() {
        Response options = new ApiClient(port).post(DEMO + "/fido2/attestation/options",
                Map.of("username", "conformance", "displayName", "Conformance"));
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.json().path("status").asString()).isEqualTo("ok");
    }

    /**
     * The audit log's SQL on H2: batched appends with their queue rows, sealing with stored nodes,
     * proofs from those nodes, the paged export and verification.
     */
    @Test
    void sealsProvesExportsAndVerifiesTheAuditLogOnTheEmbeddedDatabase() throws IOException {
        auditImport.append(IntStream.range(0, 40).mapToObj(i -> SecurityEvent
                .success("demo", SecurityEventType.TENANT_CHANGED).reason("smoke-" + i).build()).toList(),
                RequestContext.current());
        auditImport.sealPending("demo");
        List<SignedTreeHead> heads = auditLogs.treeHeads("demo", 0, AuditLogs.MAX_HEADS_PER_PAGE);
        SignedTreeHead first = heads.getFirst();
        SignedTreeHead last = heads.getLast();
        ByteArrayOutputStream export = new ByteArrayOutputStream();
        auditLogs.export("demo", Instant.now(), () -> export);
        AuditSnapshot exported = AuditExport.read(new ByteArrayInputStream(export.toByteArray()));
        long lastSealed = exported.leaves().getLast().eventId();
        AuditEntry event = exported.events().stream().filter(e -> e.id() == lastSealed).findFirst().orElseThrow();

        InclusionProof inclusion = auditLogs.inclusion("demo", event.id(), last.treeSize());
        ConsistencyProof consistency = auditLogs.consistency("demo", first.treeSize(), last.treeSize());

        assertThat(Rfc9162Verifier.inclusionVerifies(inclusion.leafIndex(), last.treeSize(),
                Rfc9162Verifier.leafHash(event.leafInput(inclusion.leafIndex())), decoded(inclusion.auditPath()),
                Base64.getUrlDecoder().decode(last.rootHash()))).isTrue();
        assertThat(Rfc9162Verifier.consistencyVerifies(first.treeSize(), last.treeSize(),
                Base64.getUrlDecoder().decode(first.rootHash()), Base64.getUrlDecoder().decode(last.rootHash()),
                decoded(consistency.proof()))).isTrue();
        assertThat(exported.leaves()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(auditLogs.verify("demo").findings()).isEmpty();
    }

    private static List<byte[]> decoded(List<String> hashes) {
        return hashes.stream().map(Base64.getUrlDecoder()::decode).toList();
    }

    @Test
    void servesTheDemoPageAtTheRoot() {
        Response page = new ApiClient(port).get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"register\"");
    }
}
