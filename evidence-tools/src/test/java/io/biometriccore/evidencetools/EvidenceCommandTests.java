package io.biometriccore.evidencetools;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.biometriccore.evidencetools.TestBundles.Tampering;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code evidence verify} command line: its exit status, its plain output and its JSON. */
class EvidenceCommandTests {

    private final TestBundles bundles = new TestBundles();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    @Test
    void aValidBatchBundleExitsZeroAndListsEveryItem() throws IOException {
        Run run = run("verify", write(bundles.bundle(bundles.batch())), "--keys", keys(bundles.keys()));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Batch payment of 300.00 EUR",
                "item 1: 100.00 EUR to Alice Example, account DE02120300000000202051, reference salary-alice",
                "item 2: 200.00 EUR to Bob Example, account DE02500105170137075030, reference salary-bob",
                "reference: PAYROLL-2026-12", "pinned: the keys given with --keys", "VALID: every check passed");
    }

    @Test
    void withoutKeysTheBundlesOwnAreUsedAndTheOutputSaysTheyWereNotPinned() throws IOException {
        Run run = run("verify", write(bundles.bundle(bundles.payment())));

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("NOT pinned", "VALID: every check passed, with keys that were NOT pinned");
    }

    @Test
    void aTamperedBundleExitsOneNamingEveryFailedCheck() throws IOException {
        ObjectNode bundle = bundles.bundle(bundles.payment());
        bundle.withObject("inclusionProof").withArray("auditPath").set(0, TestBundles.b64(new byte[32]));
        bundle.put("transactionId", "00000000-0000-0000-0000-000000000000");

        Run run = run("verify", write(bundle), "--keys", keys(bundles.keys()));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED      transaction_identity  transaction_id_mismatch: ",
                "FAILED      audit_inclusion       inclusion_proof_invalid: ",
                "INVALID: 2 checks failed: transaction_id_mismatch, inclusion_proof_invalid");
    }

    @Test
    void wrongKeysExitOne() throws IOException, JOSEException {
        JWKSet other = new JWKSet(new ECKeyGenerator(Curve.P_256).keyID(bundles.evidenceKey.getKeyID()).generate()
                .toPublicJWK());

        Run run = run("verify", write(bundles.bundle(bundles.payment())), "--keys", keys(other));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("platform_signature_invalid", "tree_head_signature_invalid");
    }

    @Test
    void anUnsealedBundleIsValidButSaysTheInclusionWasNotCheckedUnlessItIsRequired() throws IOException {
        String bundle = write(bundles.bundle(bundles.payment(), "webauthn", Tampering.unsealed()));

        Run lenient = run("verify", bundle, "--keys", keys(bundles.keys()));
        Run strict = run("verify", bundle, "--keys", keys(bundles.keys()), "--require-inclusion");

        assertThat(lenient.status()).isZero();
        assertThat(lenient.out()).contains("NOT CHECKED audit_inclusion",
                "VALID: every check passed, but the audit inclusion was NOT checked");
        assertThat(strict.status()).isEqualTo(1);
        assertThat(strict.out()).contains("INVALID: 1 check failed: inclusion_proof_missing");
    }

    @Test
    void jsonOutputListsTheChecksAndFailures() throws IOException {
        ObjectNode bundle = bundles.bundle(bundles.payment(), "webauthn",
                Tampering.input(in -> in.withUserVerified(false)));

        Run run = run("verify", write(bundle), "--keys", keys(bundles.keys()), "--json");

        JsonNode report = TestBundles.JSON.readTree(run.out());
        assertThat(run.status()).isEqualTo(1);
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("keysPinned").asBoolean()).isTrue();
        assertThat(report.path("failures").valueStream().map(JsonNode::asString)).containsExactly("user_not_verified");
        assertThat(report.path("checks").valueStream().filter(c -> c.path("status").asString().equals("failed"))
                .map(c -> c.path("check").asString())).containsExactly("user_verified");
    }

    @Test
    void unreadableInputExitsTwo() throws IOException {
        Path notJson = Files.writeString(dir.resolve("not.json"), "this is not JSON");
        Path otherFormat = Files.writeString(dir.resolve("other.json"), "{\"format\":\"something/else\"}");
        Path notAJws = Files.writeString(dir.resolve("jws.json"),
                "{\"format\":\"" + EvidenceBundle.FORMAT + "\",\"transactionId\":\"t\",\"evidence\":\"x.y\"}");
        Path badKeys = Files.writeString(dir.resolve("keys.json"), "[]");
        String bundle = write(bundles.bundle(bundles.payment()));

        for (List<String> args : List.of(List.of("verify", dir.resolve("missing.json").toString()),
                List.of("verify", notJson.toString()), List.of("verify", otherFormat.toString()),
                List.of("verify", notAJws.toString()), List.of("verify", bundle, "--keys", badKeys.toString()),
                List.of("verify", bundle, "--keys", dir.resolve("missing-keys.json").toString()),
                List.of("verify"), List.of("check", bundle), List.of("verify", bundle, "--colour"))) {
            Run run = run(args.toArray(String[]::new));
            assertThat(run.status()).as("%s: %s", args, run.err()).isEqualTo(2);
            assertThat(run.out()).as("%s", args).isEmpty();
        }
    }

    @Test
    void helpPrintsTheUsage() {
        Run run = run("--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: evidence verify BUNDLE_FILE");
    }

    private String write(ObjectNode bundle) throws IOException {
        Path file = Files.createTempFile(dir, "bundle", ".json");
        Files.write(file, TestBundles.JSON.writeValueAsBytes(bundle));
        return file.toString();
    }

    private String keys(JWKSet keys) throws IOException {
        Path file = Files.createTempFile(dir, "keys", ".json");
        Files.writeString(file, keys.toString(true));
        return file.toString();
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvidenceCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
