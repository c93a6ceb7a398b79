package io.biometriccore.signing.internal;

import io.biometriccore.shared.ApiException;
import io.biometriccore.signing.TransactionProblem;
import io.biometriccore.tenancy.Tenant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * SPC §9.1's checks after WebAuthn's origin step: the {@code payment} member the user signed shows
 * exactly what the bank registered (ADR 0037). Each member at fault has its own code, so that a bank can
 * tell a merchant's wrong amount from a wrong page; the detail names SPC's member.
 */
final class SpcApprovalStep {

    private SpcApprovalStep() {
    }

    /**
     * What the SPC options gave the browser, from the stored canonical form: the tenant's RP ID, the
     * merchant's origin as the top-level origin, the payee's name and the registered payee origin, the
     * amount's strings verbatim and the registered instrument.
     */
    static SpcPaymentData.Expected expected(Tenant tenant, JsonNode canonical) {
        JsonNode spc = registered(canonical);
        JsonNode amount = canonical.path("amount");
        JsonNode instrument = spc.path("instrument");
        return new SpcPaymentData.Expected(tenant.rpId(), spc.path("merchantOrigin").asString(),
                canonical.path("payee").path("name").asString(), optional(spc, "payeeOrigin"),
                amount.path("currency").asString(), amount.path("value").asString(),
                instrument.path("displayName").asString(), instrument.path("icon").asString());
    }

    /** @throws ApiException {@code spc_not_registered} for a transaction registered without {@code spc} */
    static JsonNode registered(JsonNode canonical) {
        JsonNode spc = canonical.get("spc");
        if (spc == null || !spc.isObject()) {
            throw new ApiException(TransactionProblem.SPC_NOT_REGISTERED);
        }
        return spc;
    }

    static void verify(Tenant tenant, JsonNode canonical, byte[] clientDataJson) {
        SpcPaymentData payment = switch (SpcPaymentData.parse(clientDataJson)) {
            case SpcPaymentData.Parsed.Read read -> read.payment();
            case SpcPaymentData.Parsed.Malformed malformed -> throw new ApiException(
                    TransactionProblem.SPC_PAYMENT_MALFORMED, malformed.member() + " " + malformed.reason());
        };
        Optional<SpcPaymentData.Mismatch> mismatch = payment.mismatchWith(expected(tenant, canonical));
        if (mismatch.isPresent()) {
            throw new ApiException(problem(mismatch.get()),
                    "payment." + mismatch.get().wire() + " differs from what the bank registered");
        }
    }

    /** Logos belong with the instrument the browser shows: we register none, so any is a wrong instrument. */
    static TransactionProblem problem(SpcPaymentData.Mismatch mismatch) {
        return switch (mismatch) {
            case RP_ID -> TransactionProblem.SPC_RP_ID_MISMATCH;
            case TOP_ORIGIN -> TransactionProblem.SPC_TOP_ORIGIN_MISMATCH;
            case PAYEE_NAME, PAYEE_ORIGIN -> TransactionProblem.SPC_PAYEE_MISMATCH;
            case TOTAL -> TransactionProblem.SPC_TOTAL_MISMATCH;
            case PAYMENT_ENTITIES_LOGOS, INSTRUMENT -> TransactionProblem.SPC_INSTRUMENT_MISMATCH;
        };
    }

    private static @Nullable String optional(JsonNode parent, String name) {
        JsonNode member = parent.get(name);
        return member == null ? null : member.asString();
    }
}
