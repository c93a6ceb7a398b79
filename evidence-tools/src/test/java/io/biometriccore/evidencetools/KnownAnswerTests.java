package io.biometriccore.evidencetools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The known answers: every {@code NAME.json} in {@value #FOLDER} is an evidence bundle that must
 * verify with the keys in {@code NAME.keys.json} (pinned; without that file, the bundle's own) and
 * print exactly {@code NAME.expected.txt}. Dropping a server-made bundle, its keys and its expected
 * output there is all it takes to add one; the Node check ({@link NodeEvidenceCheckTests}) verifies the
 * same bundles independently.
 */
class KnownAnswerTests {

    static final String FOLDER = "src/test/resources/known-answer";

    @TestFactory
    Stream<DynamicTest> everyKnownAnswerBundleVerifiesAndPrintsItsExpectedOutput() throws IOException {
        List<Path> bundles = bundles();
        assertThat(bundles).as("known-answer bundles in %s", FOLDER).isNotEmpty();
        return bundles.stream().map(bundle -> DynamicTest.dynamicTest(bundle.getFileName().toString(),
                () -> verifiesAsExpected(bundle)));
    }

    static List<Path> bundles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(FOLDER))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().endsWith(".keys.json")).sorted().toList();
        }
    }

    static Path keysOf(Path bundle) {
        return sibling(bundle, ".keys.json");
    }

    private static void verifiesAsExpected(Path bundle) throws IOException {
        List<String> args = new ArrayList<>(List.of("verify", bundle.toString()));
        if (Files.exists(keysOf(bundle))) {
            args.addAll(List.of("--keys", keysOf(bundle).toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvidenceCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(sibling(bundle, ".expected.txt"), StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static Path sibling(Path bundle, String suffix) {
        String name = bundle.getFileName().toString();
        return bundle.resolveSibling(name.substring(0, name.length() - ".json".length()) + suffix);
    }
}
