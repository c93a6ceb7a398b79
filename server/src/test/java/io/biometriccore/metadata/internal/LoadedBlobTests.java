package io.biometriccore.metadata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.metadata.MetadataBlobLoaded.StatusChange;
import io.biometriccore.testkit.AttestationCa;
import io.biometriccore.testsupport.TestMetadataBlobs;
import io.biometriccore.testsupport.TestMetadataBlobs.Model;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model's latest status and name, and what changed between two BLOBs: what retroactive flagging reads. */
class LoadedBlobTests {

    private static final TestMetadataBlobs MDS = TestMetadataBlobs.generate("Test MDS");
    private static final AttestationCa STAYS = AttestationCa.generate("Vendor Stays");
    private static final AttestationCa FALLS = AttestationCa.generate("Vendor Falls");
    private static final AttestationCa LEAVES = AttestationCa.generate("Vendor Leaves");
    private final BlobVerifier verifier = new BlobVerifier(MDS.root(), false);

    private LoadedBlob blob(int no, List<Model> models) {
        String jws = MDS.blob(no, LocalDate.of(2027, 1, 1), models);
        return LoadedBlob.of(verifier.verify(jws), jws, Instant.EPOCH);
    }

    private static Model model(AttestationCa ca, String... statuses) {
        return new Model(ca.aaguid(), ca.root(), List.of(statuses));
    }

    @Test
    void theLatestStatusOfEqualDatesIsTheLastListedAndTheNameIsTheStatementsDescription() {
        LoadedBlob blob = blob(1, List.of(model(FALLS, "FIDO_CERTIFIED", "USER_KEY_REMOTE_COMPROMISE")));

        var entry = blob.byAaguid().get(FALLS.aaguid());

        assertThat(entry.latestStatus()).isEqualTo("USER_KEY_REMOTE_COMPROMISE");
        assertThat(entry.statuses()).containsExactlyInAnyOrder("FIDO_CERTIFIED", "USER_KEY_REMOTE_COMPROMISE");
        assertThat(entry.description()).isEqualTo("Test authenticator " + FALLS.aaguid());
    }

    @Test
    void changesNameEveryModelWhoseLatestStatusDiffersAndNoOther() {
        LoadedBlob before = blob(1, List.of(model(STAYS, "FIDO_CERTIFIED"), model(FALLS, "FIDO_CERTIFIED"),
                model(LEAVES, "FIDO_CERTIFIED")));
        LoadedBlob after = blob(2, List.of(model(STAYS, "FIDO_CERTIFIED"),
                model(FALLS, "FIDO_CERTIFIED", "USER_KEY_REMOTE_COMPROMISE")));

        assertThat(after.changesSince(before)).containsExactlyInAnyOrder(
                new StatusChange(FALLS.aaguid(), "FIDO_CERTIFIED", "USER_KEY_REMOTE_COMPROMISE"),
                new StatusChange(LEAVES.aaguid(), "FIDO_CERTIFIED", null));
        assertThat(before.changesSince(null)).hasSize(3)
                .allSatisfy(change -> assertThat(change.previous()).isNull());
    }

    @Test
    void theStatementsKeyProtectionAndAttachmentHintAreKeptAsMdsSpellsThem() {
        LoadedBlob blob = blob(1, List.of(new Model(STAYS.aaguid(), STAYS.root(), List.of("FIDO_CERTIFIED"),
                List.of("software", "remote_handle"), List.of("internal", "wifi_direct"))));

        var entry = blob.byAaguid().get(STAYS.aaguid());

        assertThat(entry.keyProtection()).containsExactlyInAnyOrder("software", "remote_handle");
        assertThat(entry.attachmentHint()).containsExactlyInAnyOrder("internal", "wifi_direct");
    }
}
