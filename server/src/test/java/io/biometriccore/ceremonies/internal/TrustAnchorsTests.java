package io.biometriccore.ceremonies.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.data.attestation.authenticator.AAGUID;
import io.biometriccore.testkit.AttestationCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PEM trust anchors' directory: a sub-directory named by an AAGUID anchors that model only. */
class TrustAnchorsTests {

    private static final AttestationCa VENDOR_A = AttestationCa.generate("Anchors Vendor A");
    private static final AttestationCa BANK = AttestationCa.generate("Anchors Bank");

    @TempDir
    Path directory;

    @Test
    void aRootInAnAaguidSubDirectoryAnchorsThatModelOnlyAndATopLevelRootEveryModel() throws IOException {
        VENDOR_A.writeRootPem(Files.createDirectory(directory.resolve(VENDOR_A.aaguid().toString())));
        BANK.writeRootPem(directory);

        TrustAnchors anchors = TrustAnchors.fromDirectory(directory);

        assertThat(anchors.find(new AAGUID(VENDOR_A.aaguid()))).extracting(TrustAnchor::getTrustedCert)
                .containsExactlyInAnyOrder(VENDOR_A.root(), BANK.root());
        assertThat(anchors.find(new AAGUID(UUID.randomUUID()))).extracting(TrustAnchor::getTrustedCert)
                .containsExactly(BANK.root());
        assertThat(anchors.find(new byte[20])).extracting(TrustAnchor::getTrustedCert).containsExactly(BANK.root());
    }

    @Test
    void refusesASubDirectoryThatIsNotAnAaguid() throws IOException {
        VENDOR_A.writeRootPem(Files.createDirectory(directory.resolve("vendor-a")));

        assertThatThrownBy(() -> TrustAnchors.fromDirectory(directory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'vendor-a' is not an AAGUID");
    }
}
