package io.biometriccore.evidencetools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The second, independent check of the known-answer bundles: src/test/node/evidence/verify.mjs, in
 * Node with jose, canonicalize and cbor2 and no code of this module, verifies the platform JWS, the
 * transaction hash, the challenge binding, the WebAuthn signature and the inclusion proof to the
 * signed root; and it fails a tampered copy. bin/test installs its modules (npm ci).
 */
class NodeEvidenceCheckTests {

    private static final Path NODE_FIXTURE = Path.of("src", "test", "node", "evidence");

    @TempDir
    Path dir;

    private record NodeRun(int exitCode, String stdout, String stderr) {

        List<String> failedChecks() {
            return TestBundles.JSON.readTree(stdout).path("checks").valueStream()
                    .filter(c -> !c.path("ok").asBoolean()).map(c -> c.path("check").asString()).toList();
        }
    }

    @Test
    void everyKnownAnswerBundleVerifiesInNode() throws Exception {
        for (Path bundle : KnownAnswerTests.bundles()) {
            NodeRun run = node(bundle, KnownAnswerTests.keysOf(bundle));

            assertThat(run.exitCode()).as("%s: %s %s", bundle, run.stdout(), run.stderr()).isZero();
            assertThat(run.failedChecks()).isEmpty();
        }
    }

    @Test
    void nodeFailsTheKnownAnswerWithAChangedAmount() throws Exception {
        NodeRun run = tampered(bundle -> payload(bundle, record ->
                record.withObject("transaction").withObject("amount").put("value", "9250.00")));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.failedChecks()).contains("platform_signature", "transaction_hash", "audit_inclusion");
    }

    @Test
    void nodeFailsTheKnownAnswerWithAChangedWebAuthnSignature() throws Exception {
        NodeRun run = tampered(bundle -> payload(bundle, record -> {
            byte[] signature = Base64.getUrlDecoder().decode(record.path("assertion").path("signature").asString());
            signature[signature.length - 1] ^= 0x01;
            record.withObject("assertion").put("signature", TestBundles.b64(signature));
        }));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.failedChecks()).contains("webauthn_signature");
    }

    @Test
    void nodeFailsTheKnownAnswerWithAChangedAuditPath() throws Exception {
        NodeRun run = tampered(bundle -> bundle.withObject("inclusionProof").withArray("auditPath")
                .set(0, TestBundles.b64(new byte[32])));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.failedChecks()).containsExactly("audit_inclusion");
    }

    /** Changes the signed payload of {@code bundle}'s JWS, keeping its header and signature. */
    private static void payload(ObjectNode bundle, Consumer<ObjectNode> change) {
        String[] parts = bundle.path("evidence").asString().split("\\.");
        ObjectNode record = (ObjectNode) TestBundles.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        change.accept(record);
        bundle.put("evidence", parts[0] + "." + TestBundles.b64(TestBundles.canonical(record)) + "." + parts[2]);
    }

    private NodeRun tampered(Consumer<ObjectNode> change) throws Exception {
        Path original = KnownAnswerTests.bundles().getFirst();
        ObjectNode bundle = (ObjectNode) TestBundles.JSON.readTree(Files.readString(original));
        change.accept(bundle);
        Path copy = dir.resolve("tampered.json");
        Files.writeString(copy, TestBundles.JSON.writeValueAsString(bundle));
        return node(copy, KnownAnswerTests.keysOf(original));
    }

    /** Runs the fixture's verify.mjs; bin/test installs its node_modules (npm ci). */
    private static NodeRun node(Path bundle, Path keys) throws IOException, InterruptedException {
        assertThat(NODE_FIXTURE.resolve("node_modules").resolve("jose")).as(
                "jose is not installed in %s: run bin/test, or npm ci there", NODE_FIXTURE).isDirectory();
        List<String> command = List.of("node", "verify.mjs", bundle.toAbsolutePath().toString(),
                keys.toAbsolutePath().toString());
        Path stdout = Files.createTempFile("verify", ".out");
        Path stderr = Files.createTempFile("verify", ".err");
        Process process = new ProcessBuilder(command).directory(NODE_FIXTURE.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node verify.mjs did not finish");
        }
        return new NodeRun(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
