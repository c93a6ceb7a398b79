package io.biometriccore.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes sharing one key directory never lose each other's keys. */
class KeystoreKeyProviderTests {

    private static final char[] PASSWORD = "test-keystore-password".toCharArray();

    @TempDir
    Path directory;

    @Test
    void keysMadeOnTwoNodesAreAllReadableFromAThird() throws Exception {
        KeystoreKeyProvider nodeA = new KeystoreKeyProvider(directory, PASSWORD);
        KeystoreKeyProvider nodeB = new KeystoreKeyProvider(directory, PASSWORD);

        ECKey token = nodeA.generate("bank", "token-key");
        ECKey audit = nodeB.generate("bank", "audit-key");

        KeystoreKeyProvider nodeC = new KeystoreKeyProvider(directory, PASSWORD);
        assertThat(signs(nodeC, "token-key", token)).isTrue();
        assertThat(signs(nodeC, "audit-key", audit)).isTrue();
    }

    @Test
    void nodesRacingToMakeTheKeyEncryptionKeyEndUpWithTheSameOne() throws Exception {
        List<KeystoreKeyProvider> nodes = List.of(new KeystoreKeyProvider(directory, PASSWORD),
                new KeystoreKeyProvider(directory, PASSWORD), new KeystoreKeyProvider(directory, PASSWORD),
                new KeystoreKeyProvider(directory, PASSWORD));
        List<Callable<byte[]>> wraps = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            KeystoreKeyProvider node = nodes.get(i);
            byte[] dataKey = {(byte) i, 2, 3};
            wraps.add(() -> node.wrap("bank", dataKey));
        }
        List<byte[]> wrapped = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(nodes.size())) {
            for (Future<byte[]> future : pool.invokeAll(wraps)) {
                wrapped.add(future.get());
            }
        }

        KeystoreKeyProvider later = new KeystoreKeyProvider(directory, PASSWORD);
        for (int i = 0; i < wrapped.size(); i++) {
            assertThat(later.unwrap("bank", wrapped.get(i))).containsExactly((byte) i, 2, 3);
        }
        try (var files = Files.list(directory.resolve("bank"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("kek.p12");
        }
    }

    @Test
    void aKeyIsNeverOverwritten() {
        KeystoreKeyProvider node = new KeystoreKeyProvider(directory, PASSWORD);
        node.generate("bank", "kid-1");

        assertThatThrownBy(() -> new KeystoreKeyProvider(directory, PASSWORD).generate("bank", "kid-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has a key");
    }

    @Test
    void aWrappedKeyOfAnotherTenantDoesNotUnwrap() {
        KeystoreKeyProvider node = new KeystoreKeyProvider(directory, PASSWORD);
        byte[] wrapped = node.wrap("bank", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> node.unwrap("other-bank", wrapped)).isInstanceOf(IllegalStateException.class);
    }

    private static boolean signs(KeystoreKeyProvider node, String kid, ECKey publicKey) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("tree head"));
        jws.sign(node.signer("bank", kid));
        return jws.verify(new ECDSAVerifier(publicKey));
    }
}
