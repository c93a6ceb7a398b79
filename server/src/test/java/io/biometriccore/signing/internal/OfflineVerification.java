package io.biometriccore.signing.internal;

import io.biometriccore.evidencetools.EvidenceCommand;
import io.biometriccore.testsupport.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline verifier of evidence-tools run in-process through its command entry point, as
 * {@code bin/evidence-verify BUNDLE --keys JWKS --require-inclusion} would run it on files the bank
 * saved: its exit status, its plain output and, from a second run with {@code --json}, the reason id
 * of every failed check.
 */
record OfflineVerification(int exitCode, String output, List<String> reasons) {

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Base64.Encoder B64_ENCODE = Base64.getUrlEncoder().withoutPadding();

    /** Verifies {@code bundle} against the pinned {@code keys} (a JWKS document), inclusion required. */
    static OfflineVerification of(JsonNode bundle, String keys, Path dir) {
        try {
            Path bundleFile = Files.createTempFile(dir, "bundle", ".json");
            Path keysFile = Files.createTempFile(dir, "keys", ".json");
            Files.writeString(bundleFile, ApiClient.JSON.writeValueAsString(bundle));
            Files.writeString(keysFile, keys);
            List<String> args = List.of("verify", bundleFile.toString(), "--keys", keysFile.toString(),
                    "--require-inclusion");
            Run text = run(args);
            List<String> json = new ArrayList<>(args);
            json.add("--json");
            Run machine = run(json);
            List<String> reasons = new ArrayList<>();
            ApiClient.JSON.readTree(machine.out()).path("checks").forEach(check -> {
                if (check.path("status").asString().equals("failed")) {
                    reasons.add(check.path("reason").asString());
                }
            });
            return new OfflineVerification(text.status(), text.out() + text.err(), List.copyOf(reasons));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code bundle} whose signed evidence record is changed, header and signature kept. */
    static ObjectNode withRecord(JsonNode bundle, Consumer<ObjectNode> change) {
        ObjectNode copy = (ObjectNode) bundle.deepCopy();
        String[] parts = copy.path("evidence").asString().split("\\.");
        ObjectNode record = (ObjectNode) ApiClient.JSON.readTree(B64.decode(parts[1]));
        change.accept(record);
        copy.put("evidence", parts[0] + "." + B64_ENCODE.encodeToString(CanonicalJson.bytes(record)) + "." + parts[2]);
        return copy;
    }

    /** The signed evidence record of {@code bundle}'s JWS. */
    static JsonNode record(JsonNode bundle) {
        return ApiClient.JSON.readTree(B64.decode(bundle.path("evidence").asString().split("\\.")[1]));
    }

    static String b64(byte[] bytes) {
        return B64_ENCODE.encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return B64.decode(text);
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvidenceCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
