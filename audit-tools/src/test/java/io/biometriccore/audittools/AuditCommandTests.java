package io.biometriccore.audittools;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audittools.AuditVerifierTests.SealedLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit verify} on export files: its verdicts, its exit statuses, and the export format it reads. */
class AuditCommandTests {

    private static final Instant EXPORTED_AT = Instant.parse("2026-03-02T12:00:00Z");

    @TempDir
    Path dir;

    private final SealedLog log = SealedLog.create("bank").append(3).seal().append(2).seal();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anIntactExportVerifies() throws IOException {
        int status = verify("--keys", keys(), "--file", export(log.snapshot()));

        assertThat(status).isZero();
        assertThat(out()).isEqualTo("OK: 5 events, 5 leaves, 2 signed tree heads verified\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void aTamperedExportFailsWithItsFirstFinding() throws IOException {
        AuditSnapshot tampered = log.mapEvents(e -> e.id() == 40 ? SealedLog.withReason(e, "forged")
                : e.id() == 50 ? SealedLog.withReason(e, "forged too") : e);

        int status = verify("--keys", keys(), "--file", export(tampered));

        assertThat(status).isEqualTo(1);
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("TAMPERED: 2 findings in the audit log of tenant bank");
        assertThat(lines.get(1)).startsWith("MODIFIED event 40 at leaf 3: ");
        assertThat(lines.get(2)).startsWith("MODIFIED event 50 at leaf 4: ");
    }

    @Test
    void aLogThatStillExtendsTheKeptHeadVerifies() throws IOException {
        String kept = keptHead(log.heads().getFirst());
        log.append(2).seal();

        assertThat(verify("--keys", keys(), "--file", export(log.snapshot()), "--since-head", kept)).isZero();
    }

    @Test
    void newestEventsRemovedWithTheirHeadsAreCaughtAgainstTheKeptHead() throws IOException {
        String kept = keptHead(log.heads().getLast());
        AuditSnapshot whole = log.snapshot();
        AuditSnapshot truncated = new AuditSnapshot("bank", whole.events().subList(0, 3), whole.leaves().subList(0, 3),
                whole.heads().subList(0, 1));
        assertThat(verify("--keys", keys(), "--file", export(truncated))).as("without the kept head").isZero();
        out.reset();

        int status = verify("--keys", keys(), "--file", export(truncated), "--since-head", kept);

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains("DELETED").contains("covers 5 leaves but only 3 exist");
    }

    @Test
    void aKeptHeadThatIsNotOneIsAUsageError() throws IOException {
        String bogus = Files.writeString(dir.resolve("head.json"), "{\"treeSize\": 3}").toString();

        assertThat(verify("--keys", keys(), "--file", export(log.snapshot()), "--since-head", bogus)).isEqualTo(2);
        assertThat(err()).contains("--since-head needs treeSize, rootHash, timestamp and jws");
    }

    @Test
    void theCommitGraceDecidesWhenALateEventCountsAsInserted() throws IOException {
        log.add(SealedLog.event(15, "bank", log.snapshot().events().getFirst().occurredAt().plusMillis(1))).seal();
        String export = export(log.snapshot());

        assertThat(verify("--keys", keys(), "--file", export)).isZero();
        assertThat(verify("--keys", keys(), "--file", export, "--commit-grace", "PT0S")).isEqualTo(1);
        assertThat(out().lines()).contains("OK: 6 events, 6 leaves, 3 signed tree heads verified")
                .anyMatch(line -> line.startsWith("INSERTED event 15 at leaf 5: "));
    }

    @Test
    void headsSignedByOtherKeysFail() throws IOException {
        Path strangers = Files.writeString(dir.resolve("strangers.json"),
                SealedLog.create("bank").keys().toString());

        int status = verify("--keys", strangers.toString(), "--file", export(log.snapshot()));

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains("TREE_HEAD_INVALID");
    }

    @Test
    void theTenantGivenMustBeTheExports() throws IOException {
        int status = verify("--keys", keys(), "--file", export(log.snapshot()), "--tenant", "other-bank");

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("the export is of tenant bank, not other-bank");
        assertThat(out()).isEmpty();
    }

    @Test
    void rejectsAFileThatIsNotAnExport() throws IOException {
        Path file = Files.writeString(dir.resolve("export.ndjson"), "{\"kind\":\"event\",\"id\":1}\n");

        int status = verify("--keys", keys(), "--file", file.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("line 1: the export must start with its header");
    }

    @Test
    void rejectsAMistypedMemberNamingItsLine() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(export(log.snapshot()))));
        lines.set(6, lines.get(6).replaceFirst("\"leafIndex\":\\d+", "\"leafIndex\":\"zero\""));
        Path file = Files.write(dir.resolve("mistyped.ndjson"), lines);

        int status = verify("--keys", keys(), "--file", file.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("line 7: leafIndex is not an integer");
    }

    @Test
    void rejectsAMissingFile() throws IOException {
        int status = verify("--keys", keys(), "--file", dir.resolve("absent.ndjson").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("no such file").contains("absent.ndjson");
    }

    @Test
    void rejectsCommandLinesThatDoNotNameOneLog() {
        String keys = dir.resolve("keys.json").toString();
        Stream.of(new String[] {}, new String[] {"check", "--keys", keys, "--file", "x"},
                new String[] {"verify", "--file", "x"},
                new String[] {"verify", "--keys", keys},
                new String[] {"verify", "--keys", keys, "--file", "x", "--jdbc-url", "jdbc:postgresql://db/x"},
                new String[] {"verify", "--keys", keys, "--jdbc-url", "jdbc:postgresql://db/x"},
                new String[] {"verify", "--keys", keys, "--file", "x", "--schema", "audit"},
                new String[] {"verify", "--keys", keys, "--file", "x", "--file", "y"},
                new String[] {"verify", "--keys", keys, "--file", "x", "--commit-grace", "5 minutes"},
                new String[] {"verify", "--keys", keys, "--file", "x", "--commit-grace", "-PT1M"},
                new String[] {"verify", "--keys", keys, "--file"},
                new String[] {"verify", "--keys", keys, "--colour", "red", "--file", "x"},
                new String[] {"verify", "--keys", keys, "x"})
                .forEach(args -> {
                    err.reset();
                    assertThat(AuditCommand.run(args, printer(out), printer(err))).as(String.join(" ", args))
                            .isEqualTo(2);
                    assertThat(err()).as(String.join(" ", args)).startsWith("audit: ").contains("Usage:");
                });
        assertThat(out()).isEmpty();
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(AuditCommand.run(new String[] {"--help"}, printer(out), printer(err))).isZero();
        assertThat(out()).startsWith("Usage: audit verify");
    }

    @Test
    void anExportReadsBackToTheSameLog() throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        AuditExport.write(log.snapshot(), EXPORTED_AT, first);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        AuditExport.write(AuditExport.read(new ByteArrayInputStream(first.toByteArray())), EXPORTED_AT, second);

        assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo(first.toString(StandardCharsets.UTF_8));
        List<String> lines = first.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1 + 5 + 5 + 2);
        assertThat(lines.getFirst())
                .isEqualTo("{\"kind\":\"header\",\"tenantId\":\"bank\",\"exportedAt\":\"2026-03-02T12:00:00Z\"}");
        assertThat(lines.get(1))
                .startsWith("{\"kind\":\"event\",\"id\":10,\"tenantId\":\"bank\",")
                .contains("\"occurredAt\":\"2026-03-02T09:00:01Z\"")
                .contains("\"reason\":null").contains("\"networkData\":\"AQIK\"");
        assertThat(lines.get(6)).startsWith("{\"kind\":\"leaf\",\"leafIndex\":0,\"eventId\":10,\"leafHash\":\"");
        assertThat(lines.get(11)).startsWith("{\"kind\":\"head\",\"treeSize\":3,\"rootHash\":\"");
    }

    private int verify(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "verify";
        System.arraycopy(args, 0, command, 1, args.length);
        return AuditCommand.run(command, printer(out), printer(err));
    }

    /** A head as the admin API lists it, kept by an auditor. */
    private String keptHead(TreeHead head) throws IOException {
        String json = "{\"treeSize\":" + head.treeSize() + ",\"rootHash\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(head.rootHash()) + "\",\"timestamp\":\""
                + head.timestamp() + "\",\"jws\":\"" + head.jws() + "\"}";
        return Files.writeString(dir.resolve("kept-head.json"), json).toString();
    }

    private String keys() throws IOException {
        return Files.writeString(dir.resolve("keys.json"), log.keys().toString()).toString();
    }

    private String export(AuditSnapshot snapshot) throws IOException {
        Path file = dir.resolve("export.ndjson");
        try (OutputStream stream = Files.newOutputStream(file)) {
            AuditExport.write(snapshot, EXPORTED_AT, stream);
        }
        return file.toString();
    }

    private static PrintStream printer(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
