package io.biometriccore.metadata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.metadata.exception.MDSException;
import io.biometriccore.testkit.AttestationCa;
import io.biometriccore.testsupport.TestMetadataBlobs;
import io.biometriccore.testsupport.TestMetadataBlobs.Model;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * webauthn4j-metadata 0.31.2 on webauthn4j-core 0.32 (ADR 0038): its FidoMDS3MetadataBLOBProvider
 * parses and verifies a BLOB made here, and refuses a tampered one and one whose chain misses the root.
 */
class BlobVerifierTests {

    private static final TestMetadataBlobs MDS = TestMetadataBlobs.generate("Test MDS");
    private static final AttestationCa VENDOR = AttestationCa.generate("Verifier Vendor");
    private static final List<Model> MODELS = List.of(new Model(VENDOR.aaguid(), VENDOR.root(),
            List.of("FIDO_CERTIFIED", "USER_KEY_REMOTE_COMPROMISE")));

    private final BlobVerifier verifier = new BlobVerifier(MDS.root(), false);

    @Test
    void readsTheEntriesOfABlobSignedUnderTheRoot() {
        String jws = MDS.blob(7, LocalDate.of(2027, 1, 1), MODELS);

        LoadedBlob blob = LoadedBlob.of(verifier.verify(jws), jws, Instant.EPOCH);

        assertThat(blob.no()).isEqualTo(7);
        assertThat(blob.nextUpdate()).isEqualTo(LocalDate.of(2027, 1, 1));
        var entry = blob.byAaguid().get(VENDOR.aaguid());
        assertThat(entry.attestationRootCertificates()).containsExactly(VENDOR.root());
        assertThat(entry.statuses()).containsExactlyInAnyOrder("FIDO_CERTIFIED", "USER_KEY_REMOTE_COMPROMISE");
    }

    @Test
    void refusesATamperedBlob() {
        String jws = TestMetadataBlobs.tampered(MDS.blob(7, LocalDate.of(2027, 1, 1), MODELS));

        assertThatThrownBy(() -> verifier.verify(jws)).isInstanceOf(MDSException.class).hasMessageContaining("signature");
    }

    @Test
    void refusesABlobWhoseChainDoesNotReachTheRoot() {
        String jws = MDS.blobSignedBy(TestMetadataBlobs.generate("Other MDS"), 7, LocalDate.of(2027, 1, 1), MODELS);

        assertThatThrownBy(() -> verifier.verify(jws)).isInstanceOf(MDSException.class)
                .hasMessageContaining("certificate chain");
    }

    @Test
    void aBlobIsInForceUntilNextUpdatePlusTheGraceAndDueFromNextUpdate() {
        String jws = MDS.blob(7, LocalDate.of(2027, 1, 1), MODELS);
        LoadedBlob blob = LoadedBlob.of(verifier.verify(jws), jws, Instant.EPOCH);
        Instant nextUpdate = Instant.parse("2027-01-01T00:00:00Z");

        assertThat(blob.due(nextUpdate.minusSeconds(1))).isFalse();
        assertThat(blob.due(nextUpdate)).isTrue();
        assertThat(blob.inForce(nextUpdate.plus(java.time.Duration.ofDays(7)).minusSeconds(1),
                java.time.Duration.ofDays(7))).isTrue();
        assertThat(blob.inForce(nextUpdate.plus(java.time.Duration.ofDays(7)), java.time.Duration.ofDays(7))).isFalse();
    }
}
