package io.biometriccore.evidencetools;

import io.biometriccore.evidencetools.EvidenceVerifier.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Secure Payment Confirmation (W3C SPC, §5.3 "the payment data"): {@code clientData.payment} of a
 * {@code payment.get} assertion is what the browser showed the customer; each field must be the
 * transaction's, or the customer confirmed something else. Fields checked: rpId, topOrigin,
 * payeeName, payeeOrigin, total, instrument.
 */
record SpcPayment(Members evidence, Members clientData) {

    Outcome check() {
        Members payment = clientData.object("payment");
        Members transaction = evidence.object("transaction");
        Members relyingParty = evidence.object("relyingParty");
        Members spc = transaction.object("spc");
        Members amount = transaction.object("amount");
        Members payee = transaction.optionalObject("payee");
        Members total = payment.object("total");
        Members instrument = payment.object("instrument");
        Members registered = spc.object("instrument");
        List<String> wrong = new ArrayList<>();
        expect(wrong, "rpId", payment.optionalText("rpId"), relyingParty.text("rpId"));
        expect(wrong, "topOrigin", payment.optionalText("topOrigin"), relyingParty.text("spcTopOrigin"));
        expect(wrong, "topOrigin", payment.optionalText("topOrigin"), spc.text("merchantOrigin"));
        expect(wrong, "payeeName", payment.optionalText("payeeName"), payee == null ? null : payee.text("name"));
        expect(wrong, "payeeOrigin", payment.optionalText("payeeOrigin"), spc.optionalText("payeeOrigin"));
        expect(wrong, "total", total.text("currency"), amount.text("currency"));
        expect(wrong, "total", total.text("value"), amount.text("value"));
        expect(wrong, "instrument", instrument.optionalText("displayName"), registered.text("displayName"));
        expect(wrong, "instrument", instrument.optionalText("icon"), registered.text("icon"));
        if (!wrong.isEmpty()) {
            return Outcome.failed(Reason.SPC_PAYMENT_MISMATCH, "clientData.payment differs from the transaction in "
                    + String.join(", ", wrong.stream().distinct().toList()));
        }
        return Outcome.ok("the browser showed the transaction's payee, total and instrument (SPC payment data)");
    }

    private static void expect(List<String> wrong, String field, @Nullable String shown, @Nullable String expected) {
        if (!Objects.equals(shown, expected)) {
            wrong.add(field);
        }
    }
}
