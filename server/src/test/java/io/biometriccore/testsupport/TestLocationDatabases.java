package io.biometriccore.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The risk tests' small MaxMind databases, written by {@code geoip/write-test-databases.pl} with
 * MaxMind's own writer (Debian's {@code libmaxmind-db-writer-perl}, which {@code bin/test} installs):
 * a City database with {@code 203.0.113.0/24} in Frankfurt (AS64500), {@code 198.51.100.0/24} in Tokyo
 * (AS64501), {@code 192.0.2.0/25} in Berlin and {@code 192.0.2.128/25} somewhere in Germany (no ASN),
 * {@code 2001:db8:1::/48} in Paris (AS64502); and an ASN database of those three networks.
 *
 * @param city the City database
 * @param asn  the ASN database
 */
public record TestLocationDatabases(Path city, Path asn) {

    /** Writes both into {@code directory}. */
    public static TestLocationDatabases writeInto(Path directory) {
        try {
            Path script = directory.resolve("write-test-databases.pl");
            try (var source = TestLocationDatabases.class.getResourceAsStream("/geoip/write-test-databases.pl")) {
                Files.write(script, source.readAllBytes());
            }
            Process perl = new ProcessBuilder("perl", script.toString(), directory.toString())
                    .redirectErrorStream(true).start();
            String output = new String(perl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!perl.waitFor(60, TimeUnit.SECONDS) || perl.exitValue() != 0) {
                throw new IllegalStateException("writing the test location databases failed "
                        + "(is libmaxmind-db-writer-perl installed? bin/test installs it): " + output);
            }
            return new TestLocationDatabases(directory.resolve("test-city.mmdb"), directory.resolve("test-asn.mmdb"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test location databases", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing the test location databases", e);
        }
    }
}
