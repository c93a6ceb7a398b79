package io.biometriccore.audit;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.biometriccore.audittools.AuditEntry;
import io.biometriccore.audittools.AuditTables;
import io.biometriccore.audittools.Rfc9162Verifier;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's log as its auditor checks it over the admin API: each signed tree head's ES256 signature
 * with Nimbus against the tenant's audit JWKS, then every sealed event's inclusion proof and every pair
 * of heads' consistency proof with {@link Rfc9162Verifier}, which shares no code with the server's Merkle tree.
 * The leaf hash is recomputed from the event ({@link AuditEntry#leafInput}, the encoder the server
 * seals with, whose output {@code AuditEntryTests} in audit-tools pins to hand-written known answers),
 * and roots are taken from the signed payloads, never from the proofs.
 */
class MerkleProofIT extends PostgresIntegrationTest {

    private static final String TENANT = "proof-bank";
    private static final String AUDIT = "/v1/admin/tenants/" + TENANT + "/audit";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        registry.add("biometric.audit.seal-interval", () -> "PT0.2S");
    }

    /** Whether the shared log has been written; every test only reads it. */
    private static boolean logWritten;

    @Autowired
    private JdbcClient jdbc;

    /** The signed root of each head, by tree size in ascending order, once its signature has been checked. */
    private Map<Long, byte[]> signedRoots;

    @BeforeEach
    void sealedLog() {
        if (!logWritten) {
            writeLog();
            logWritten = true;
        }
        JWKSet keys = publicKeys();
        signedRoots = new LinkedHashMap<>();
        for (JsonNode head : treeHeads()) {
            signedRoots.put(head.path("treeSize").asLong(), signedRoot(head, keys));
        }
    }

    @Test
    void theLogHasSeveralSignedHeadsCoveringEveryEvent() {
        assertThat(events()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(signedRoots).hasSizeGreaterThanOrEqualTo(5);
        assertThat(latestSize()).isEqualTo(events().size());
    }

    @Test
    void everyEventIsProvedIncludedInEverySignedHeadThatCoversIt() {
        List<AuditEntry> events = events();
        Set<Long> leafIndexes = new HashSet<>();
        int verified = 0;

        for (AuditEntry event : events) {
            long leafIndex = inclusion(event.id(), latestSize()).json().path("leafIndex").asLong();
            assertThat(leafIndexes.add(leafIndex)).as("leaf %d seals one event", leafIndex).isTrue();
            byte[] leafHash = Rfc9162Verifier.leafHash(event.leafInput(leafIndex));
            for (Map.Entry<Long, byte[]> head : signedRoots.entrySet()) {
                long treeSize = head.getKey();
                Response response = inclusion(event.id(), treeSize);
                if (leafIndex >= treeSize) {
                    assertThat(response.status()).isEqualTo(409);
                    assertCode(response, "audit_event_not_sealed");
                    continue;
                }
                JsonNode proof = response.json();

                assertThat(proof.path("eventId").asLong()).isEqualTo(event.id());
                assertThat(proof.path("leafIndex").asLong()).isEqualTo(leafIndex);
                assertThat(proof.path("treeSize").asLong()).isEqualTo(treeSize);
                assertThat(BASE64URL.decode(proof.path("leafHash").asString())).isEqualTo(leafHash);
                assertThat(BASE64URL.decode(proof.path("treeHead").path("rootHash").asString()))
                        .isEqualTo(head.getValue());
                assertThat(Rfc9162Verifier.inclusionVerifies(leafIndex, treeSize, leafHash, hashes(proof.path("auditPath")),
                        head.getValue())).as("event %d at leaf %d of %d", event.id(), leafIndex, treeSize).isTrue();
                verified++;
            }
        }

        assertThat(leafIndexes).containsExactlyInAnyOrderElementsOf(
                LongStream.range(0, events.size()).boxed().toList());
        assertThat(verified).isGreaterThan(events.size());
    }

    @Test
    void everySignedHeadIsProvedConsistentWithEveryLaterOne() {
        List<Long> sizes = List.copyOf(signedRoots.keySet());

        for (int i = 0; i < sizes.size(); i++) {
            for (int j = i; j < sizes.size(); j++) {
                long first = sizes.get(i);
                long second = sizes.get(j);
                JsonNode proof = consistency(first, second).json();

                assertThat(proof.path("first").asLong()).isEqualTo(first);
                assertThat(proof.path("second").asLong()).isEqualTo(second);
                assertThat(BASE64URL.decode(proof.path("firstHead").path("rootHash").asString()))
                        .isEqualTo(signedRoots.get(first));
                assertThat(BASE64URL.decode(proof.path("secondHead").path("rootHash").asString()))
                        .isEqualTo(signedRoots.get(second));
                assertThat(Rfc9162Verifier.consistencyVerifies(first, second, signedRoots.get(first), signedRoots.get(second),
                        hashes(proof.path("proof")))).as("%d to %d", first, second).isTrue();
            }
        }
    }

    @Test
    void rejectsAnInclusionProofCheckedAgainstTheWrongHead() {
        AuditEntry event = events().getFirst();
        for (long treeSize : signedRoots.keySet()) {
            JsonNode proof = inclusion(event.id(), treeSize).json();
            long leafIndex = proof.path("leafIndex").asLong();
            byte[] leafHash = Rfc9162Verifier.leafHash(event.leafInput(leafIndex));
            List<byte[]> path = hashes(proof.path("auditPath"));
            for (Map.Entry<Long, byte[]> other : signedRoots.entrySet()) {
                if (other.getKey() != treeSize) {
                    assertThat(Rfc9162Verifier.inclusionVerifies(leafIndex, other.getKey(), leafHash, path, other.getValue()))
                            .as("size %d against the head of %d", treeSize, other.getKey()).isFalse();
                    assertThat(Rfc9162Verifier.inclusionVerifies(leafIndex, treeSize, leafHash, path, other.getValue()))
                            .as("size %d against the root of %d", treeSize, other.getKey()).isFalse();
                }
            }
            assertThat(Rfc9162Verifier.inclusionVerifies(leafIndex, treeSize, Rfc9162Verifier.leafHash(event.leafInput(leafIndex + 1)),
                    path, signedRoots.get(treeSize))).as("the event moved to another leaf").isFalse();
        }
    }

    @Test
    void rejectsAConsistencyProofCheckedAgainstTheWrongHeads() {
        List<Long> sizes = List.copyOf(signedRoots.keySet());
        for (int i = 0; i + 2 < sizes.size(); i++) {
            long first = sizes.get(i);
            long second = sizes.get(i + 1);
            long later = sizes.get(i + 2);
            List<byte[]> proof = hashes(consistency(first, second).json().path("proof"));

            assertThat(Rfc9162Verifier.consistencyVerifies(first, later, signedRoots.get(first), signedRoots.get(later), proof))
                    .as("%d to %d claimed to %d", first, second, later).isFalse();
            assertThat(Rfc9162Verifier.consistencyVerifies(first, second, signedRoots.get(first), signedRoots.get(later), proof))
                    .as("%d to %d against the root of %d", first, second, later).isFalse();
            assertThat(Rfc9162Verifier.consistencyVerifies(first, second, signedRoots.get(second), signedRoots.get(first), proof))
                    .as("%d to %d with the roots swapped", first, second).isFalse();
        }
    }

    @Test
    void aHeadsSignatureCoversOnlyItsOwnPayload() throws ParseException, JOSEException {
        List<JsonNode> heads = treeHeads();
        String[] first = heads.getFirst().path("jws").asString().split("\\.");
        String[] last = heads.getLast().path("jws").asString().split("\\.");
        JWSObject spliced = JWSObject.parse(first[0] + "." + last[1] + "." + first[2]);
        ECKey key = publicKeys().getKeyByKeyId(spliced.getHeader().getKeyID()).toECKey();

        assertThat(spliced.verify(new ECDSAVerifier(key))).isFalse();
    }

    @Test
    void refusesProofsThatNoSignedHeadBacks() {
        long latest = latestSize();
        long eventId = events().getFirst().id();

        assertProblem(inclusion(eventId, 0), 404, "tree_head_not_found");
        assertProblem(inclusion(eventId, latest + 1), 404, "tree_head_not_found");
        assertProblem(inclusion(Long.MAX_VALUE, latest), 404, "audit_event_not_found");
        assertProblem(consistency(0, latest), 404, "tree_head_not_found");
        assertProblem(consistency(latest, latest + 1), 404, "tree_head_not_found");
    }

    /**
     * The checks a relying party makes before trusting a head: ES256 by a public key of the tenant's
     * audit JWKS, chosen by kid, over a payload naming this tenant and the head's size, root and time.
     * Answers the signed root.
     */
    private static byte[] signedRoot(JsonNode head, JWKSet keys) {
        long treeSize = head.path("treeSize").asLong();
        try {
            JWSObject jws = JWSObject.parse(head.path("jws").asString());
            assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            JWK key = keys.getKeyByKeyId(jws.getHeader().getKeyID());
            assertThat(key).as("the key of the head of size %d", treeSize).isInstanceOf(ECKey.class);
            assertThat(key.isPrivate()).isFalse();
            assertThat(jws.verify(new ECDSAVerifier(key.toECKey()))).as("the signature of head %d", treeSize).isTrue();
            Map<String, Object> payload = jws.getPayload().toJSONObject();
            assertThat(payload).containsEntry("tenantId", TENANT)
                    .containsEntry("rootHash", head.path("rootHash").asString());
            assertThat(((Number) payload.get("treeSize")).longValue()).isEqualTo(treeSize);
            assertThat(((Number) payload.get("timestamp")).longValue())
                    .isEqualTo(Instant.parse(head.path("timestamp").asString()).toEpochMilli());
            return BASE64URL.decode((String) payload.get("rootHash"));
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("The head of size " + treeSize + " is not a valid JWS", e);
        }
    }

    /** Rounds of enrollment and sign-in, each sealed before the next, so that there are several heads. */
    private void writeLog() {
        BankFixture bank = BankFixture.create(api, TENANT, Map.of(), Map.of());
        awaitSealed();
        Map<String, SoftwareAuthenticator> customers = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            SoftwareAuthenticator phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
            String username = "proof" + i + "-" + System.nanoTime();
            bank.enrolled(username, phone);
            customers.put(username, phone);
        }
        awaitSealed();
        for (int round = 0; round < 3; round++) {
            customers.forEach((username, phone) -> {
                bank.tokens(phone, username);
                bank.tokens(phone, username);
            });
            awaitSealed();
        }
    }

    private void awaitSealed() {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<JsonNode> heads = treeHeads();
            return !heads.isEmpty() && heads.getLast().path("treeSize").asLong() == events().size();
        });
    }

    private List<AuditEntry> events() {
        return jdbc.sql("SELECT * FROM audit_event WHERE tenant_id = :tenant ORDER BY id").param("tenant", TENANT)
                .query((rs, row) -> AuditTables.event(rs)).list();
    }

    private long latestSize() {
        return List.copyOf(signedRoots.keySet()).getLast();
    }

    @SendsBadInput("limit and after out of the contract's bounds")
    @Test
    void treeHeadsComeInKeysetPagesThatLinkToTheNext() {
        List<Long> sizes = treeHeads().stream().map(h -> h.path("treeSize").asLong()).toList();
        assertThat(sizes).hasSizeGreaterThan(2);

        Response first = api.admin("GET", AUDIT + "/tree-heads?limit=2", null);
        String next = first.raw().headers().firstValue("Link").orElseThrow();
        Response second = api.admin("GET", next.substring(1, next.indexOf('>')), null);

        assertThat(first.json().valueStream().map(h -> h.path("treeSize").asLong())).containsExactlyElementsOf(sizes.subList(0, 2));
        assertThat(next).isEqualTo("<" + AUDIT + "/tree-heads?after=" + sizes.get(1) + "&limit=2>; rel=\"next\"");
        assertThat(second.json().valueStream().map(h -> h.path("treeSize").asLong()))
                .containsExactlyElementsOf(sizes.subList(2, Math.min(4, sizes.size())));
        Response last = api.admin("GET", AUDIT + "/tree-heads?after=" + sizes.getLast(), null);
        assertThat(last.json().size()).isZero();
        assertThat(last.raw().headers().firstValue("Link")).isEmpty();
        assertProblem(api.admin("GET", AUDIT + "/tree-heads?limit=0", null), 400, "invalid_request");
        assertProblem(api.admin("GET", AUDIT + "/tree-heads?limit=1001", null), 400, "invalid_request");
        assertProblem(api.admin("GET", AUDIT + "/tree-heads?after=-1", null), 400, "invalid_request");
        assertProblem(api.admin("GET", AUDIT + "/tree-heads?after=many", null), 400, "malformed_request");
    }

    private List<JsonNode> treeHeads() {
        Response heads = api.admin("GET", AUDIT + "/tree-heads", null);
        BankFixture.require(heads, 200);
        List<JsonNode> list = new ArrayList<>();
        heads.json().forEach(list::add);
        return list;
    }

    private JWKSet publicKeys() {
        Response keys = api.admin("GET", AUDIT + "/public-keys", null);
        BankFixture.require(keys, 200);
        try {
            return JWKSet.parse(keys.body());
        } catch (ParseException e) {
            throw new AssertionError("The audit public keys are not a JWKS: " + keys.body(), e);
        }
    }

    private Response inclusion(long eventId, long treeSize) {
        return api.admin("GET", AUDIT + "/proofs/inclusion?eventId=" + eventId + "&treeSize=" + treeSize, null);
    }

    private Response consistency(long first, long second) {
        return api.admin("GET", AUDIT + "/proofs/consistency?first=" + first + "&second=" + second, null);
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(node -> hashes.add(BASE64URL.decode(node.asString())));
        return hashes;
    }
}
