package io.biometriccore.evidencetools;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code evidence verify} command (bin/evidence-verify): verifies one evidence bundle offline and
 * prints what was approved, by which credential and device, and when, then every check. Exit 0 when
 * every check passed, 1 when one failed (tampered or invalid), 2 when the input cannot be read.
 */
public final class EvidenceCommand {

    static final String USAGE = """
            Usage: evidence verify BUNDLE_FILE [--keys JWKS_FILE] [--require-inclusion] [--json]
            Verifies a transaction's evidence bundle (GET /v1/tenants/{t}/transactions/{id}/evidence) offline.
              --keys FILE           the tenant's evidence and audit public keys, a JWKS
                                    (GET /v1/tenants/{t}/evidence/jwks.json); without it the bundle's own
                                    keys are used and the output says the keys were not pinned
              --require-inclusion   fail a bundle without an audit inclusion proof instead of reporting
                                    the inclusion as not checked
              --json                machine-readable output
            Exit status: 0 valid, 1 tampered or invalid, 2 cannot read (usage, file, JSON, format, keys).
            """;

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int UNREADABLE = 2;

    private EvidenceCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command as {@link #main} would, answering the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> arguments = new ArrayList<>(List.of(args));
        if (arguments.contains("--help") || arguments.contains("-h")) {
            out.print(USAGE);
            return VALID;
        }
        Options options;
        try {
            options = Options.parse(arguments);
        } catch (IllegalArgumentException e) {
            err.println("evidence: " + e.getMessage());
            err.print(USAGE);
            return UNREADABLE;
        }
        EvidenceBundle bundle;
        JWKSet keys;
        try {
            bundle = EvidenceBundle.read(read(options.bundle()));
            keys = keys(options.keys(), bundle);
        } catch (UnreadableBundleException e) {
            err.println("evidence verify: cannot read: " + e.getMessage());
            return UNREADABLE;
        }
        List<CheckResult> results = EvidenceVerifier.verify(bundle, keys, options.requireInclusion());
        Report report = new Report(bundle, options.keys() != null, results);
        out.print(options.json() ? report.json() : report.text());
        return report.valid() ? VALID : INVALID;
    }

    private static byte[] read(Path file) throws UnreadableBundleException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableBundleException("no such file " + file);
        } catch (IOException e) {
            throw new UnreadableBundleException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static JWKSet keys(@Nullable Path pinned, EvidenceBundle bundle) throws UnreadableBundleException {
        try {
            if (pinned != null) {
                return JWKSet.load(pinned.toFile());
            }
            if (bundle.keys() == null) {
                throw new UnreadableBundleException("the bundle has no keys and none were given with --keys");
            }
            return JWKSet.parse(bundle.keys());
        } catch (NoSuchFileException e) {
            throw new UnreadableBundleException("no such file " + pinned);
        } catch (IOException | ParseException e) {
            throw new UnreadableBundleException((pinned != null ? pinned.toString() : "the bundle's keys")
                    + " is not a JWKS: " + e.getMessage());
        }
    }

    /** The command line: one bundle file and the options. */
    private record Options(Path bundle, @Nullable Path keys, boolean requireInclusion, boolean json) {

        static Options parse(List<String> args) {
            if (args.isEmpty() || !"verify".equals(args.getFirst())) {
                throw new IllegalArgumentException(args.isEmpty() ? "a command is required"
                        : "unknown command " + args.getFirst());
            }
            Map<String, String> values = new LinkedHashMap<>();
            Path bundle = null;
            boolean requireInclusion = false;
            boolean json = false;
            for (int i = 1; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--require-inclusion" -> requireInclusion = true;
                    case "--json" -> json = true;
                    case "--keys" -> {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException("--keys needs a value");
                        }
                        if (values.put("keys", args.get(++i)) != null) {
                            throw new IllegalArgumentException("--keys is given twice");
                        }
                    }
                    default -> {
                        if (arg.startsWith("--keys=")) {
                            if (values.put("keys", arg.substring("--keys=".length())) != null) {
                                throw new IllegalArgumentException("--keys is given twice");
                            }
                        } else if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        } else if (bundle != null) {
                            throw new IllegalArgumentException("one bundle at a time: unexpected " + arg);
                        } else {
                            bundle = Path.of(arg);
                        }
                    }
                }
            }
            if (bundle == null) {
                throw new IllegalArgumentException("the bundle file is required");
            }
            return new Options(bundle, values.containsKey("keys") ? Path.of(values.get("keys")) : null,
                    requireInclusion, json);
        }
    }
}
