package io.biometriccore.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The record of what the tests really asserted, read by the completeness check after the build's test
 * runs (docs/adr/0032-nothing-untested.md). Each call appends one line {@code <kind> <value>} to a file
 * of this JVM under {@code target/asserted/}; call it only once the assertion it names has passed.
 */
public final class Asserted {

    /** Where the records go; the build empties it before the tests run. */
    public static final Path DIRECTORY = Path.of("target", "asserted");

    /** The kinds of claim the check holds the tests to. */
    public enum Kind {
        /** A {@code ProblemCode}'s wire code in an RFC 9457 answer. */
        PROBLEM,
        /** A {@code TokenRejection} constant's name. */
        TOKEN_REJECTION,
        /** A {@code SecurityEventType}'s wire name, found in the audit log. */
        EVENT,
        /** A credential algorithm ({@code CoseAlgorithm} name) a customer signed in with end to end. */
        ALGORITHM,
        /** A DPoP proof algorithm (JOSE name) the server accepted. */
        DPOP_ALGORITHM,
        /** A {@code BankNotificationType}'s wire name, delivered to a test's webhook and verified there. */
        NOTIFICATION
    }

    private static final Path FILE = DIRECTORY.resolve("asserted-" + ProcessHandle.current().pid() + ".txt");

    private Asserted() {
    }

    public static void problem(String code) {
        record(Kind.PROBLEM, code);
    }

    public static void tokenRejection(Enum<?> rejection) {
        record(Kind.TOKEN_REJECTION, rejection.name());
    }

    public static void event(String wireName) {
        record(Kind.EVENT, wireName);
    }

    /** A sign-in that succeeded end to end with a credential of this algorithm, e.g. {@code "ES384"}. */
    public static void algorithm(String coseAlgorithmName) {
        record(Kind.ALGORITHM, coseAlgorithmName);
    }

    /** A DPoP-bound request that succeeded with a proof of this algorithm, e.g. {@code "PS256"}. */
    public static void dpopAlgorithm(String joseName) {
        record(Kind.DPOP_ALGORITHM, joseName);
    }

    /** A webhook delivery of this type, e.g. {@code "webhook.test"}, whose signature the test receiver verified. */
    public static void notification(String wireName) {
        record(Kind.NOTIFICATION, wireName);
    }

    private static synchronized void record(Kind kind, String value) {
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(FILE, kind + " " + value + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record an assertion in " + FILE, e);
        }
    }
}
