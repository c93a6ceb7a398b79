package io.biometriccore.ceremonies.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.risk.BankContext;
import io.biometriccore.risk.Coordinates;
import io.biometriccore.risk.DevicePosture;
import io.biometriccore.risk.Place;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The shared stores (PostgreSQL, Redis) keep a pending ceremony as {@link StoredCeremonies} JSON: a
 * transaction's approval comes back with its transaction and the nonce its challenge was derived from.
 */
class StoredCeremoniesTests {

    @Test
    void aTransactionApprovalComesBackWithItsTransactionAndNonce() {
        UUID transactionId = UUID.randomUUID();
        PendingCeremony approval = new PendingCeremony("handle", "bank", CeremonyType.AUTHENTICATION,
                CeremonyPurpose.TRANSACTION_APPROVAL, "Y2hhbGxlbmdl", "dXNlcg", UUID.randomUUID(), "alice", null, true,
                List.of(), List.of("Y3JlZA"), Instant.parse("2026-12-01T10:00:00Z"),
                CeremonyContext.transactionApproval(transactionId, "bm9uY2U", "web"));

        PendingCeremony read = StoredCeremonies.read(StoredCeremonies.write(approval)).orElseThrow();

        assertThat(read).isEqualTo(approval);
        assertThat(read.purpose()).isEqualTo(CeremonyPurpose.TRANSACTION_APPROVAL);
        assertThat(read.context().transactionId()).isEqualTo(transactionId);
        assertThat(read.context().transactionNonce()).isEqualTo("bm9uY2U");
    }

    @Test
    void aSecurePaymentConfirmationComesBackWithItsMerchantOrigin() {
        PendingCeremony spc = new PendingCeremony("handle", "bank", CeremonyType.AUTHENTICATION,
                CeremonyPurpose.SPC_APPROVAL, "Y2hhbGxlbmdl", "dXNlcg", UUID.randomUUID(), "alice", null, true,
                List.of(), List.of("Y3JlZA"), Instant.parse("2026-12-01T10:00:00Z"),
                CeremonyContext.spcApproval(UUID.randomUUID(), "bm9uY2U", "https://shop.example", null));

        PendingCeremony read = StoredCeremonies.read(StoredCeremonies.write(spc)).orElseThrow();

        assertThat(read).isEqualTo(spc);
        assertThat(read.context().spcOrigin()).isEqualTo("https://shop.example");
        assertThat(CeremonyPurpose.forAuthentication(read.context())).isEqualTo(CeremonyPurpose.SPC_APPROVAL);
    }

    @Test
    void aCrossChannelApprovalComesBackWithWhereItsRequesterIs() {
        Place requester = new Place(Place.Source.IP_DATABASE, new Coordinates(48.1, 11.6), "DE", "AS3320");
        PendingCeremony approval = new PendingCeremony("handle", "bank", CeremonyType.AUTHENTICATION,
                CeremonyPurpose.CROSS_CHANNEL_APPROVAL, "Y2hhbGxlbmdl", "dXNlcg", UUID.randomUUID(), "alice", null,
                true, List.of(), List.of("Y3JlZA"), Instant.parse("2026-12-01T10:00:00Z"),
                new CeremonyContext(null, null, null, "mobile", UUID.randomUUID()).withRequester(requester));

        PendingCeremony read = StoredCeremonies.read(StoredCeremonies.write(approval)).orElseThrow();

        assertThat(read).isEqualTo(approval);
        assertThat(read.context().requesterPlace()).isEqualTo(requester);
    }

    @Test
    void aSignInComesBackWithTheBanksContextAndThePostureClaim() {
        PendingCeremony signIn = withRiskReport();

        PendingCeremony read = StoredCeremonies.read(StoredCeremonies.write(signIn)).orElseThrow();

        assertThat(read).isEqualTo(signIn);
        assertThat(read.context().bankContext().location().coordinates()).isEqualTo(new Coordinates(48.85, 2.35));
        assertThat(read.context().bankContext().posture().trust()).isEqualTo(DevicePosture.Trust.SIGNED);
        assertThat(read.context().claimedPosture().trust()).isEqualTo(DevicePosture.Trust.CLAIMED);
    }

    /** A sign-in whose options request carried the bank's context and the app's own posture claim. */
    static PendingCeremony withRiskReport() {
        BankContext bank = new BankContext("bank-key-1", Instant.parse("2026-12-01T10:05:00Z"), "alice", "203.0.113.7",
                new Place(Place.Source.BANK, new Coordinates(48.85, 2.35), "FR", null),
                new DevicePosture(DevicePosture.Trust.SIGNED, true, false, "14"));
        DevicePosture claimed = new DevicePosture(DevicePosture.Trust.CLAIMED, null, true, "17.4.1");
        return new PendingCeremony("handle", "bank", CeremonyType.AUTHENTICATION, CeremonyPurpose.SIGN_IN,
                "Y2hhbGxlbmdl", null, null, null, null, true, List.of(), List.of(), Instant.parse("2026-12-01T10:00:00Z"),
                new CeremonyContext(null, "aal2", null, "mobile", null).withRisk(bank, claimed));
    }

    @Test
    void anSpcOriginApprovesATransaction() {
        assertThatThrownBy(() -> new CeremonyContext(null, null, null, null, null, null, null, "https://shop.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCeremonyStoredBeforeApprovalsExistedReadsBackWithoutATransaction() {
        String older = StoredCeremonies.write(new PendingCeremony("handle", "bank", CeremonyType.AUTHENTICATION,
                CeremonyPurpose.SIGN_IN, "Y2hhbGxlbmdl", null, null, null, null, true, List.of(), List.of(),
                Instant.parse("2026-12-01T10:00:00Z"), CeremonyContext.NONE))
                .replace(",\"transactionId\":null,\"transactionNonce\":null,\"spcOrigin\":null", "");

        assertThat(older).doesNotContain("transaction");
        assertThat(StoredCeremonies.read(older)).hasValueSatisfying(c -> {
            assertThat(c.purpose()).isEqualTo(CeremonyPurpose.SIGN_IN);
            assertThat(c.context().transactionId()).isNull();
        });
    }

    @Test
    void anApprovalContextNeedsBothItsTransactionAndItsNonce() {
        assertThatThrownBy(() -> new CeremonyContext(null, null, null, null, null, UUID.randomUUID(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
