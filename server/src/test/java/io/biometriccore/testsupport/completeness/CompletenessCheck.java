package io.biometriccore.testsupport.completeness;

import io.biometriccore.testsupport.Asserted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build step after the unit and integration test runs of a full build ({@code server/pom.xml}, phase
 * {@code verify}): fails when a problem code, token rejection, audit event type, advertised algorithm or
 * bank notification type was asserted by no test. Argument: the record's directory (default {@code target/asserted}).
 */
public final class CompletenessCheck {

    private CompletenessCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : Asserted.DIRECTORY;
        Completeness result = Completeness.of(Declared.all(), recorded(directory));
        if (!result.complete()) {
            throw new IllegalStateException("Declared but asserted by no test (docs/adr/0032-nothing-untested.md):\n"
                    + result.report());
        }
        System.out.println("[completeness] every problem code, token rejection, event type, algorithm and"
                + " notification type is asserted");
    }

    static List<String> recorded(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
