package io.biometriccore.ceremonies.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyPurpose;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pending ceremony's purpose must agree with its type and its context, or its route check means nothing. */
class PendingCeremonyTests {

    @ParameterizedTest
    @CsvSource({
        "REGISTRATION, SIGN_IN, none",
        "AUTHENTICATION, OPEN_ENROLLMENT, none",
        "REGISTRATION, OPEN_ENROLLMENT, grant",
        "REGISTRATION, GRANT_ENROLLMENT, none",
        "AUTHENTICATION, SIGN_IN, session",
        "AUTHENTICATION, STEP_UP, none",
        "AUTHENTICATION, CROSS_CHANNEL_APPROVAL, session",
        "AUTHENTICATION, CONFORMANCE, session",
        "AUTHENTICATION, TRANSACTION_APPROVAL, none",
        "AUTHENTICATION, SIGN_IN, transaction",
        "REGISTRATION, TRANSACTION_APPROVAL, transaction",
        "AUTHENTICATION, CONFORMANCE, transaction",
    })
    void refusesAPurposeItsTypeOrContextContradicts(CeremonyType type, CeremonyPurpose purpose, String context) {
        CeremonyContext ctx = switch (context) {
            case "grant" -> CeremonyContext.grant(UUID.randomUUID());
            case "session" -> new CeremonyContext(null, null, UUID.randomUUID(), null, null);
            case "transaction" -> CeremonyContext.transactionApproval(UUID.randomUUID(), "bm9uY2U", "web");
            default -> CeremonyContext.NONE;
        };
        assertThatThrownBy(() -> new PendingCeremony("handle", "bank", type, purpose, "challenge", null, null, null,
                null, true, List.of(), List.of(), Instant.EPOCH, ctx)).isInstanceOf(IllegalArgumentException.class);
    }
}
