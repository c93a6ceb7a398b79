package io.biometriccore.signing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code payment} member of a Secure Payment Confirmation assertion's clientDataJSON: what the browser
 * showed the user and the user signed ({@code CollectedClientAdditionalPaymentData},
 * <a href="https://w3c.github.io/secure-payment-confirmation/#sctn-collectedclientadditionalpaymentdata-dictionary">SPC
 * §5.2</a>, editor's draft of 2026-07-02), and the checks SPC §9.1 inserts after WebAuthn's origin step: each
 * member must match what the bank registered with the transaction.
 *
 * <p>Read from the raw clientDataJSON bytes, the bytes the signature covers, never from a re-serialisation.
 * Duplicate members anywhere are malformed: a signed document that two parsers could read differently is
 * rejected. Members SPC defines that we do not check ({@code browserBoundPublicKey}, {@code iconMustBeShown})
 * and members it may add later are ignored; the historical {@code rp} must equal {@code rpId} when present
 * (§5.2).
 *
 * <p>Every comparison is exact, code point for code point, with no normalisation: {@code total.value}
 * {@code "1250.0"} does not match a registered {@code "1250.00"}, {@code "eur"} does not match {@code "EUR"},
 * and an origin with a trailing slash does not match one without. The SPC options hand the browser exactly
 * the registered strings, so an honest browser returns them unchanged; anything else is not what was
 * registered, whatever it would have meant.
 *
 * @param rpId the relying party that created the credential
 * @param topOrigin the origin of the top-level page that called SPC
 * @param payeeName the payee's name shown, if any
 * @param payeeOrigin the payee's origin shown, if any
 * @param paymentEntitiesLogos the logos shown, empty when absent
 * @param total the amount shown
 * @param instrument the payment instrument shown
 */
@NullMarked
public record SpcPaymentData(String rpId, String topOrigin, @Nullable String payeeName, @Nullable String payeeOrigin,
        List<PaymentEntityLogo> paymentEntitiesLogos, PaymentCurrencyAmount total,
        PaymentCredentialInstrument instrument) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public SpcPaymentData {
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(topOrigin, "topOrigin");
        paymentEntitiesLogos = List.copyOf(paymentEntitiesLogos);
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(instrument, "instrument");
    }

    /** The member of the payment data that differs from the registration, by its name in the SPC spec. */
    public enum Mismatch {
        RP_ID("rpId"),
        TOP_ORIGIN("topOrigin"),
        PAYEE_NAME("payeeName"),
        PAYEE_ORIGIN("payeeOrigin"),
        /** Logos were shown although the bank registered none (§9.1: a subset of those it should have shown). */
        PAYMENT_ENTITIES_LOGOS("paymentEntitiesLogos"),
        TOTAL("total"),
        INSTRUMENT("instrument");

        private final String wire;

        Mismatch(String wire) {
            this.wire = wire;
        }

        /** The member's name as SPC spells it, e.g. {@code topOrigin}. */
        public String wire() {
            return wire;
        }
    }

    /**
     * What the bank registered and the SPC options gave the browser; the registration shows no logos and no
     * instrument {@code details}.
     *
     * @param rpId the tenant's relying party id
     * @param topOrigin the merchant origin the transaction was registered for
     * @param payeeName the registered payee name, or {@code null} when none was shown
     * @param payeeOrigin the registered payee origin, or {@code null} when none was shown
     * @param currency the ISO 4217 code, as registered
     * @param value the amount as the registered decimal string, e.g. {@code 1250.00}
     * @param instrumentDisplayName the instrument's registered display name
     * @param instrumentIcon the instrument's registered icon URL
     */
    public record Expected(String rpId, String topOrigin, @Nullable String payeeName, @Nullable String payeeOrigin,
            String currency, String value, String instrumentDisplayName, String instrumentIcon) {

        public Expected {
            requireNonEmpty(rpId, "rpId");
            requireNonEmpty(topOrigin, "topOrigin");
            requireNonEmptyIfPresent(payeeName, "payeeName");
            requireNonEmptyIfPresent(payeeOrigin, "payeeOrigin");
            if (payeeName == null && payeeOrigin == null) {
                throw new IllegalArgumentException("payeeName or payeeOrigin: SPC (§4.8) refuses a request with neither");
            }
            requireNonEmpty(currency, "currency");
            requireNonEmpty(value, "value");
            requireNonEmpty(instrumentDisplayName, "instrumentDisplayName");
            requireNonEmpty(instrumentIcon, "instrumentIcon");
        }
    }

    /** Payment Request's {@code PaymentCurrencyAmount}; {@code value} is the decimal string as signed. */
    public record PaymentCurrencyAmount(String currency, String value) {

        public PaymentCurrencyAmount {
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(value, "value");
        }
    }

    /** SPC's {@code PaymentCredentialInstrument} (§7.1) as signed; an icon the browser could not show is empty. */
    public record PaymentCredentialInstrument(String displayName, String icon, @Nullable String details) {

        public PaymentCredentialInstrument {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(icon, "icon");
        }
    }

    /** SPC's {@code PaymentEntityLogo} (§7.2). */
    public record PaymentEntityLogo(String url, String label) {

        public PaymentEntityLogo {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(label, "label");
        }
    }

    /** The outcome of reading the payment member: the data, or why it cannot be read. */
    public sealed interface Parsed {

        /** The clientDataJSON carries a well-formed payment member. */
        record Read(SpcPaymentData payment) implements Parsed {

            public Read {
                Objects.requireNonNull(payment, "payment");
            }
        }

        /**
         * The clientDataJSON or its payment member is not what SPC §5 defines.
         *
         * @param member where, e.g. {@code payment.total.value}, or {@code clientDataJSON} for the document
         * @param reason what is wrong with it, naming no input
         */
        record Malformed(String member, String reason) implements Parsed {

            public Malformed {
                Objects.requireNonNull(member, "member");
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** Reads the {@code payment} member from the clientDataJSON bytes; never throws on any input. */
    public static Parsed parse(byte[] clientDataJson) {
        JsonNode clientData;
        try {
            clientData = JSON.readTree(clientDataJson);
        } catch (JacksonException e) {
            return new Parsed.Malformed("clientDataJSON", "is not a JSON document with unique member names");
        }
        if (clientData == null || !clientData.isObject()) {
            return new Parsed.Malformed("clientDataJSON", "is not a JSON object");
        }
        try {
            return new Parsed.Read(PaymentReader.read(clientData));
        } catch (PaymentReader.MalformedMember e) {
            return new Parsed.Malformed(e.member(), e.reason());
        }
    }

    /**
     * The first member, in SPC §9.1's order, that differs from the registration; empty when all match.
     * Absent optional members match only an expectation that is absent too.
     */
    public Optional<Mismatch> mismatchWith(Expected expected) {
        if (!rpId.equals(expected.rpId())) {
            return Optional.of(Mismatch.RP_ID);
        }
        if (!topOrigin.equals(expected.topOrigin())) {
            return Optional.of(Mismatch.TOP_ORIGIN);
        }
        if (!Objects.equals(payeeName, expected.payeeName())) {
            return Optional.of(Mismatch.PAYEE_NAME);
        }
        if (!Objects.equals(payeeOrigin, expected.payeeOrigin())) {
            return Optional.of(Mismatch.PAYEE_ORIGIN);
        }
        if (!paymentEntitiesLogos.isEmpty()) {
            return Optional.of(Mismatch.PAYMENT_ENTITIES_LOGOS);
        }
        if (!total.equals(new PaymentCurrencyAmount(expected.currency(), expected.value()))) {
            return Optional.of(Mismatch.TOTAL);
        }
        var registered = new PaymentCredentialInstrument(expected.instrumentDisplayName(), expected.instrumentIcon(),
                null);
        return instrument.equals(registered) ? Optional.empty() : Optional.of(Mismatch.INSTRUMENT);
    }

    private static void requireNonEmpty(@Nullable String value, String name) {
        if (Objects.requireNonNull(value, name).isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static void requireNonEmptyIfPresent(@Nullable String value, String name) {
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty when present");
        }
    }

    /** Reads the members of §5.2 off the tree, naming the first one that is absent or of the wrong type. */
    private static final class PaymentReader {

        private PaymentReader() {
        }

        static SpcPaymentData read(JsonNode clientData) {
            JsonNode payment = object(clientData, "payment", "payment");
            String rpId = string(payment, "rpId", "payment.rpId");
            String rp = optionalString(payment, "rp", "payment.rp");
            if (rp != null && !rp.equals(rpId)) {
                throw new MalformedMember("payment.rp", "differs from payment.rpId");
            }
            JsonNode total = object(payment, "total", "payment.total");
            JsonNode instrument = object(payment, "instrument", "payment.instrument");
            return new SpcPaymentData(rpId, string(payment, "topOrigin", "payment.topOrigin"),
                    optionalString(payment, "payeeName", "payment.payeeName"),
                    optionalString(payment, "payeeOrigin", "payment.payeeOrigin"), logos(payment),
                    new PaymentCurrencyAmount(string(total, "currency", "payment.total.currency"),
                            string(total, "value", "payment.total.value")),
                    new PaymentCredentialInstrument(
                            string(instrument, "displayName", "payment.instrument.displayName"),
                            string(instrument, "icon", "payment.instrument.icon"),
                            optionalString(instrument, "details", "payment.instrument.details")));
        }

        private static List<PaymentEntityLogo> logos(JsonNode payment) {
            JsonNode logos = payment.get("paymentEntitiesLogos");
            if (logos == null) {
                return List.of();
            }
            if (!logos.isArray()) {
                throw new MalformedMember("payment.paymentEntitiesLogos", "is not an array");
            }
            var read = new ArrayList<PaymentEntityLogo>(logos.size());
            for (int i = 0; i < logos.size(); i++) {
                String path = "payment.paymentEntitiesLogos[" + i + "]";
                JsonNode logo = logos.get(i);
                if (!logo.isObject()) {
                    throw new MalformedMember(path, "is not an object");
                }
                read.add(new PaymentEntityLogo(string(logo, "url", path + ".url"), string(logo, "label", path + ".label")));
            }
            return read;
        }

        private static JsonNode object(JsonNode parent, String name, String path) {
            JsonNode member = parent.get(name);
            if (member == null) {
                throw new MalformedMember(path, "is missing");
            }
            if (!member.isObject()) {
                throw new MalformedMember(path, "is not an object");
            }
            return member;
        }

        private static String string(JsonNode parent, String name, String path) {
            String value = optionalString(parent, name, path);
            if (value == null) {
                throw new MalformedMember(path, "is missing");
            }
            return value;
        }

        private static @Nullable String optionalString(JsonNode parent, String name, String path) {
            JsonNode member = parent.get(name);
            if (member == null) {
                return null;
            }
            if (!member.isString()) {
                throw new MalformedMember(path, "is not a string");
            }
            return member.asString();
        }

        /** Internal control flow only: {@link #parse} turns it into {@link Parsed.Malformed}. */
        private static final class MalformedMember extends RuntimeException {

            private final String member;
            private final String reason;

            MalformedMember(String member, String reason) {
                super(member + " " + reason, null, false, false);
                this.member = member;
                this.reason = reason;
            }

            String member() {
                return member;
            }

            String reason() {
                return reason;
            }
        }
    }
}
