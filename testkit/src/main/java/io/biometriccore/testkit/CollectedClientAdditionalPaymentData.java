package io.biometriccore.testkit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code payment} member a browser puts into the clientDataJSON of a Secure Payment Confirmation
 * assertion ({@code type} {@code payment.get}): the transaction details it showed the user and the user
 * signed. Members and their names are those of SPC's {@code CollectedClientAdditionalPaymentData}
 * (<a href="https://w3c.github.io/secure-payment-confirmation/#sctn-collectedclientadditionalpaymentdata-dictionary">SPC
 * §5.2</a>, editor's draft of 2026-07-02). Absent optional members are omitted, never {@code null}, and the
 * members come in the order Chromium writes them ({@code content/browser/webauth/client_data_json.cc}).
 * Start from {@link #of} and adjust with the {@code with*} methods.
 *
 * @param rpId the relying party that created the credential (the bank), not the merchant
 * @param topOrigin the origin of the top-level page that called SPC (the merchant's checkout)
 * @param payeeName the payee's name shown to the user, if any
 * @param payeeOrigin the payee's origin shown to the user, if any
 * @param paymentEntitiesLogos the logos shown to the user, if any
 * @param total the amount shown to the user
 * @param instrument the payment instrument shown to the user
 * @param browserBoundPublicKey base64url public key of a browser bound key, if the browser made one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"rpId", "topOrigin", "payeeName", "payeeOrigin", "paymentEntitiesLogos", "total", "instrument",
        "browserBoundPublicKey"})
public record CollectedClientAdditionalPaymentData(
        String rpId, String topOrigin, @Nullable String payeeName, @Nullable String payeeOrigin,
        @Nullable List<PaymentEntityLogo> paymentEntitiesLogos, PaymentCurrencyAmount total,
        PaymentCredentialInstrument instrument, @Nullable String browserBoundPublicKey) {

    public CollectedClientAdditionalPaymentData {
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(topOrigin, "topOrigin");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(instrument, "instrument");
        paymentEntitiesLogos = paymentEntitiesLogos == null ? null : List.copyOf(paymentEntitiesLogos);
    }

    /** A payment with its required members only: no payee, logos or browser bound key. */
    public static CollectedClientAdditionalPaymentData of(String rpId, String topOrigin, PaymentCurrencyAmount total,
            PaymentCredentialInstrument instrument) {
        return new CollectedClientAdditionalPaymentData(rpId, topOrigin, null, null, null, total, instrument, null);
    }

    public CollectedClientAdditionalPaymentData withRpId(String rpId) {
        return new CollectedClientAdditionalPaymentData(rpId, topOrigin, payeeName, payeeOrigin,
                paymentEntitiesLogos, total, instrument, browserBoundPublicKey);
    }

    public CollectedClientAdditionalPaymentData withTopOrigin(String topOrigin) {
        return new CollectedClientAdditionalPaymentData(rpId, topOrigin, payeeName, payeeOrigin,
                paymentEntitiesLogos, total, instrument, browserBoundPublicKey);
    }

    public CollectedClientAdditionalPaymentData withPayeeName(@Nullable String payeeName) {
        return new CollectedClientAdditionalPaymentData(rpId, topOrigin, payeeName, payeeOrigin,
                paymentEntitiesLogos, total, instrument, browserBoundPublicKey);
    }

    public CollectedClientAdditionalPaymentData withPayeeOrigin(@Nullable String payeeOrigin) {
        return new CollectedClientAdditionalPaymentData(rpId, topOrigin, payeeName, payeeOrigin,
                paymentEntitiesLogos, total, instrument, browserBoundPublicKey);
    }

    public CollectedClientAdditionalPaymentData withPaymentEntitiesLogos(
            @Nullable List<PaymentEntityLogo> paymentEntitiesLogos) {
        return new CollectedClientAdditionalPaymentData(rpId, topOrigin, payeeName, payeeOrigin,
                paymentEntitiesLogos, total, instrument, browserBoundPublicKey);
    }

    public CollectedClientAdditionalPaymentData withTotal(PaymentCurrencyAmount total) {
        return new CollectedClientAdditionalPaymentData(rpId, topOrigin, payeeName, payeeOrigin,
                paymentEntitiesLogos, total, instrument, browserBoundPublicKey);
    }

    public CollectedClientAdditionalPaymentData withInstrument(PaymentCredentialInstrument instrument) {
        return new CollectedClientAdditionalPaymentData(rpId, topOrigin, payeeName, payeeOrigin,
                paymentEntitiesLogos, total, instrument, browserBoundPublicKey);
    }

    public CollectedClientAdditionalPaymentData withBrowserBoundPublicKey(@Nullable String browserBoundPublicKey) {
        return new CollectedClientAdditionalPaymentData(rpId, topOrigin, payeeName, payeeOrigin,
                paymentEntitiesLogos, total, instrument, browserBoundPublicKey);
    }

    /**
     * Payment Request's {@code PaymentCurrencyAmount}: {@code value} is a decimal string, written as the
     * merchant passed it (Chromium writes {@code value} before {@code currency}).
     */
    @JsonPropertyOrder({"value", "currency"})
    public record PaymentCurrencyAmount(String currency, String value) {

        public PaymentCurrencyAmount {
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * SPC's {@code PaymentCredentialInstrument} (§7.1). Chromium writes {@code icon}, {@code displayName} and
     * {@code details} (when given) but not {@code iconMustBeShown}; set it to send what the IDL dictionary
     * would carry. An icon the browser could not show is the empty string.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"icon", "displayName", "details", "iconMustBeShown"})
    public record PaymentCredentialInstrument(String displayName, String icon, @Nullable String details,
            @Nullable Boolean iconMustBeShown) {

        public PaymentCredentialInstrument {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(icon, "icon");
        }

        public static PaymentCredentialInstrument of(String displayName, String icon) {
            return new PaymentCredentialInstrument(displayName, icon, null, null);
        }
    }

    /** SPC's {@code PaymentEntityLogo} (§7.2). */
    public record PaymentEntityLogo(String url, String label) {

        public PaymentEntityLogo {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(label, "label");
        }
    }
}
