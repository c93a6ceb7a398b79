package io.biometriccore.evidencetools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a known-answer bundle and its pinned keys with {@link TestBundles}: how the committed
 * {@code known-answer/bundle.json} was made before the server produced one. Run from the module with
 * its test class path, e.g. {@code java -cp target/test-classes:target/classes:$(deps)
 * io.biometriccore.evidencetools.KnownAnswerBundle src/test/resources/known-answer bundle}, then write
 * {@code bundle.expected.txt} from {@code evidence verify} and read it before committing.
 */
final class KnownAnswerBundle {

    private KnownAnswerBundle() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        String name = args[1];
        TestBundles bundles = new TestBundles();
        Files.writeString(folder.resolve(name + ".json"), TestBundles.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(bundles.bundle(bundles.payment())) + "\n");
        Files.writeString(folder.resolve(name + ".keys.json"), bundles.keys().toString(true) + "\n");
    }
}
