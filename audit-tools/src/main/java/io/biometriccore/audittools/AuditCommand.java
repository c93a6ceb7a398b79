package io.biometriccore.audittools;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code audit verify} command: checks one tenant's log, read from an export file or straight from
 * the database, against its signed tree heads and the tenant's audit public keys, trusting neither the
 * server nor the database. It prints {@code OK: …} or every finding, the first tampered place first,
 * and exits 0 when the log is intact, 1 when it was tampered with, 2 when it could not verify (a bad
 * command line, an unreadable key set, export or database).
 */
public final class AuditCommand {

    /** The command line, for {@code --help} and for mistakes in it. */
    static final String USAGE = """
            Usage: audit verify --keys JWKS_FILE --file EXPORT_FILE [--tenant ID] [--commit-grace D]
                                [--since-head HEAD_FILE]
                   audit verify --keys JWKS_FILE --jdbc-url URL --tenant ID [--user USER] [--password PASSWORD]
                                [--schema SCHEMA] [--commit-grace D] [--since-head HEAD_FILE]
            Verifies a tenant's audit log against its signed tree heads.
              --keys FILE      the tenant's audit public keys, a JWKS
                               (GET /v1/admin/tenants/{id}/audit/public-keys)
              --file FILE      an export of the log (GET /v1/admin/tenants/{id}/audit/export)
              --jdbc-url URL   or the database itself, e.g. jdbc:postgresql://db.internal:5432/biometric
              --user USER      database user
              --password PW    database password (default: the environment variable PGPASSWORD)
              --schema SCHEMA  the schema of the audit tables (default: the user's search path)
              --tenant ID      the tenant; with --file it must be the export's
              --commit-grace D how long after its event an event's transaction may commit, ISO-8601
                               (default PT5M); an event that appears below sealed ones later is INSERTED
              --since-head F   a signed tree head kept from an earlier check, as one item of
                               GET /v1/admin/tenants/{id}/audit/tree-heads: the log must still extend it,
                               which catches the newest events removed together with their heads
            Exit status: 0 intact, 1 tampered, 2 could not verify (usage, unreadable input).
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final int INTACT = 0;
    static final int TAMPERED = 1;
    static final int UNVERIFIABLE = 2;

    private AuditCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command as {@link #main} would, answering the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            out.print(USAGE);
            return INTACT;
        }
        Options options;
        try {
            options = Options.parse(arguments);
        } catch (IllegalArgumentException e) {
            err.println("audit: " + e.getMessage());
            err.print(USAGE);
            return UNVERIFIABLE;
        }
        VerificationReport report;
        try {
            JWKSet keys = JWKSet.load(options.keys().toFile());
            Path file = options.file();
            AuditSnapshot log = file != null ? fromFile(file, options.tenant()) : fromDatabase(options);
            if (options.sinceHead() != null) {
                log = withKeptHead(log, options.sinceHead());
            }
            report = AuditVerifier.verify(log, keys, options.commitGrace());
        } catch (IOException | ParseException | SQLException | IllegalArgumentException e) {
            err.println("audit verify: cannot verify: " + message(e));
            return UNVERIFIABLE;
        }
        if (report.intact()) {
            out.printf("OK: %d events, %d leaves, %d signed tree heads verified%n", report.events(), report.leaves(),
                    report.treeHeads());
            return INTACT;
        }
        out.printf("TAMPERED: %d finding%s in the audit log of tenant %s, the first tampered place first%n",
                report.findings().size(), report.findings().size() == 1 ? "" : "s", report.tenantId());
        report.findings().forEach(out::println);
        return TAMPERED;
    }

    private static AuditSnapshot fromFile(Path file, @Nullable String tenant) throws IOException {
        AuditSnapshot log;
        try (InputStream in = Files.newInputStream(file)) {
            log = AuditExport.read(in);
        }
        if (tenant != null && !tenant.equals(log.tenantId())) {
            throw new IllegalArgumentException("the export is of tenant " + log.tenantId() + ", not " + tenant);
        }
        return log;
    }

    /**
     * Adds a head the auditor kept to the log's own: it is verified like them (signature, and the root
     * of the leaves at its size), so a log that no longer extends it fails.
     */
    private static AuditSnapshot withKeptHead(AuditSnapshot log, Path file) throws IOException {
        JsonNode kept;
        try {
            kept = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("--since-head is not a tree head: " + e.getOriginalMessage());
        }
        if (!kept.path("treeSize").isIntegralNumber() || !kept.path("rootHash").isString()
                || !kept.path("timestamp").isString() || !kept.path("jws").isString()) {
            throw new IllegalArgumentException("--since-head needs treeSize, rootHash, timestamp and jws");
        }
        TreeHead head;
        try {
            head = new TreeHead(log.tenantId(), kept.path("treeSize").asLong(),
                    Base64.getUrlDecoder().decode(kept.path("rootHash").asString()),
                    Instant.parse(kept.path("timestamp").asString()), kept.path("jws").asString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since-head has no valid timestamp");
        }
        List<TreeHead> heads = new ArrayList<>(log.heads());
        heads.add(head);
        return new AuditSnapshot(log.tenantId(), log.events(), log.leaves(), heads);
    }

    private static AuditSnapshot fromDatabase(Options options) throws SQLException {
        Properties properties = new Properties();
        if (options.user() != null) {
            properties.setProperty("user", options.user());
        }
        String password = options.password() != null ? options.password() : System.getenv("PGPASSWORD");
        if (password != null) {
            properties.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(Objects.requireNonNull(options.jdbcUrl()),
                properties)) {
            if (options.schema() != null) {
                connection.setSchema(options.schema());
            }
            return AuditTables.read(connection, Objects.requireNonNull(options.tenant()));
        }
    }

    private static String message(Exception e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file " + missing.getFile();
        }
        if (e instanceof FileSystemException unreadable) {
            return "cannot read " + unreadable.getFile() + (unreadable.getReason() == null ? "" : ": "
                    + unreadable.getReason());
        }
        return String.valueOf(e.getMessage());
    }

    /** The command line of {@code verify}; exactly one of {@code file} and {@code jdbcUrl} is set. */
    private record Options(Path keys, @Nullable Path file, @Nullable String jdbcUrl, @Nullable String user,
            @Nullable String password, @Nullable String schema, @Nullable String tenant, Duration commitGrace,
            @Nullable Path sinceHead) {

        private static final Set<String> NAMES = Set.of("keys", "file", "jdbc-url", "user", "password", "schema",
                "tenant", "commit-grace", "since-head");

        /**
         * Reads {@code verify} and its {@code --name value} or {@code --name=value} options.
         *
         * @throws IllegalArgumentException on another command, an unknown option, a missing value or a
         *                                  combination that does not name one log
         */
        static Options parse(List<String> args) {
            if (args.isEmpty() || !"verify".equals(args.getFirst())) {
                throw new IllegalArgumentException(args.isEmpty() ? "a command is required" : "unknown command "
                        + args.getFirst());
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 1; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
                if (!NAMES.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                if (values.put(name, value) != null) {
                    throw new IllegalArgumentException("--" + name + " is given twice");
                }
            }
            if (!values.containsKey("keys")) {
                throw new IllegalArgumentException("--keys is required");
            }
            boolean file = values.containsKey("file");
            boolean database = values.containsKey("jdbc-url");
            if (file == database) {
                throw new IllegalArgumentException("give either --file or --jdbc-url");
            }
            if (file && Set.of("user", "password", "schema").stream().anyMatch(values::containsKey)) {
                throw new IllegalArgumentException("--user, --password and --schema go with --jdbc-url");
            }
            if (database && !values.containsKey("tenant")) {
                throw new IllegalArgumentException("--tenant is required with --jdbc-url");
            }
            return new Options(Path.of(values.get("keys")), file ? Path.of(values.get("file")) : null,
                    values.get("jdbc-url"), values.get("user"), values.get("password"), values.get("schema"),
                    values.get("tenant"), commitGrace(values.get("commit-grace")),
                    values.containsKey("since-head") ? Path.of(values.get("since-head")) : null);
        }

        private static Duration commitGrace(@Nullable String value) {
            if (value == null) {
                return AuditVerifier.COMMIT_GRACE;
            }
            Duration grace;
            try {
                grace = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--commit-grace must be an ISO-8601 duration such as PT5M: " + value);
            }
            if (grace.isNegative()) {
                throw new IllegalArgumentException("--commit-grace must not be negative: " + value);
            }
            return grace;
        }
    }
}
