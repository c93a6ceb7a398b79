package io.biometriccore.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.signing.internal.SpcPaymentData.Expected;
import io.biometriccore.signing.internal.SpcPaymentData.Mismatch;
import io.biometriccore.signing.internal.SpcPaymentData.Parsed;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData.PaymentCredentialInstrument;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData.PaymentCurrencyAmount;
import io.biometriccore.testkit.CollectedClientAdditionalPaymentData.PaymentEntityLogo;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** SPC §5.2 (reading the payment member) and §9.1's checks after step 13, each alone. */
class SpcPaymentDataTests {

    private static final String RP_ID = "bank.example";
    private static final String SHOP = "https://shop.example";
    private static final String ICON = "https://bank.example/card.png";
    private static final Expected EXPECTED = new Expected(RP_ID, SHOP, "Shop Ltd", SHOP, "EUR", "1250.00",
            "Visa ****1234", ICON);
    private static final CollectedClientAdditionalPaymentData SIGNED = CollectedClientAdditionalPaymentData.of(
                    RP_ID, SHOP, new PaymentCurrencyAmount("EUR", "1250.00"),
                    PaymentCredentialInstrument.of("Visa ****1234", ICON))
            .withPayeeName("Shop Ltd")
            .withPayeeOrigin(SHOP);

    @Nested
    class ReadingThePaymentMember {

        @Test
        void readsWhatTheTestkitsAuthenticatorSigns() {
            SpcPaymentData payment = read(clientDataJsonSigned(SIGNED));

            assertThat(payment).isEqualTo(new SpcPaymentData(RP_ID, SHOP, "Shop Ltd", SHOP, List.of(),
                    new SpcPaymentData.PaymentCurrencyAmount("EUR", "1250.00"),
                    new SpcPaymentData.PaymentCredentialInstrument("Visa ****1234", ICON, null)));
        }

        @Test
        void readsChromiumsClientDataJsonWithItsHintMember() {
            String chromium = "{\"type\":\"payment.get\",\"challenge\":\"Y2g\",\"origin\":\"https://shop.example\","
                    + "\"crossOrigin\":false,\"payment\":{\"rpId\":\"bank.example\",\"topOrigin\":\"https://shop.example\","
                    + "\"payeeOrigin\":\"https://shop.example\",\"total\":{\"value\":\"1250.00\",\"currency\":\"EUR\"},"
                    + "\"instrument\":{\"icon\":\"https://bank.example/card.png\",\"displayName\":\"Visa ****1234\"},"
                    + "\"browserBoundPublicKey\":\"YmJr\"},\"other_keys_can_be_added_here\":\"do not compare\"}";

            SpcPaymentData payment = read(chromium);

            assertThat(payment.payeeName()).isNull();
            assertThat(payment.mismatchWith(withPayee(null, SHOP))).isEmpty();
        }

        @Test
        void readsTheOptionalMembersWhenPresent() {
            var signed = SIGNED.withPaymentEntitiesLogos(List.of(new PaymentEntityLogo("https://net.example/l.png", "Net")))
                    .withInstrument(new PaymentCredentialInstrument("Visa ****1234", ICON, "exp 01/29", true));

            SpcPaymentData payment = read(clientDataJsonSigned(signed));

            assertThat(payment.paymentEntitiesLogos()).containsExactly(
                    new SpcPaymentData.PaymentEntityLogo("https://net.example/l.png", "Net"));
            assertThat(payment.instrument().details()).isEqualTo("exp 01/29");
        }

        @Test
        void acceptsTheHistoricalRpMemberWhenItEqualsRpId() {
            assertThat(parse(replacing("\"rpId\":\"bank.example\"", "\"rpId\":\"bank.example\",\"rp\":\"bank.example\"")))
                    .isInstanceOf(Parsed.Read.class);
        }

        @Test
        void rejectsAHistoricalRpMemberThatDiffersFromRpId() {
            assertMalformed(replacing("\"rpId\":\"bank.example\"", "\"rpId\":\"bank.example\",\"rp\":\"evil.example\""),
                    "payment.rp", "differs from payment.rpId");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not json", "[1,2]", "\"payment\"", "null", "{\"type\":\"payment.get\"",
                "{\"type\":\"payment.get\"} {}"})
        void rejectsAClientDataJsonThatIsNotOneJsonObject(String clientDataJson) {
            assertThat(parse(clientDataJson)).isInstanceOfSatisfying(Parsed.Malformed.class,
                    malformed -> assertThat(malformed.member()).isEqualTo("clientDataJSON"));
        }

        @Test
        void rejectsDuplicateMembersSoNoOtherParserCanReadADifferentTotal() {
            assertMalformed(replacing("\"value\":\"1250.00\"", "\"value\":\"1250.00\",\"value\":\"1.00\""),
                    "clientDataJSON", "is not a JSON document with unique member names");
        }

        @Test
        void rejectsAClientDataJsonWithoutPayment() {
            assertMalformed("{\"type\":\"payment.get\",\"challenge\":\"Y2g\",\"origin\":\"https://shop.example\"}",
                    "payment", "is missing");
        }

        @ParameterizedTest
        @ValueSource(strings = {"rpId", "topOrigin", "total", "instrument"})
        void rejectsAPaymentWithoutARequiredMember(String member) {
            var clientData = (ObjectNode) JsonMapper.builder().build().readTree(clientDataJsonSigned(SIGNED));
            ((ObjectNode) clientData.get("payment")).remove(member);

            assertMalformed(clientData.toString(), "payment." + member, "is missing");
        }

        @Test
        void rejectsAPaymentThatIsNotAnObject() {
            assertMalformed("{\"type\":\"payment.get\",\"payment\":\"EUR 1250.00\"}", "payment", "is not an object");
        }

        @Test
        void rejectsANumericTotalValueBecauseSpcSignsADecimalString() {
            assertMalformed(replacing("\"value\":\"1250.00\"", "\"value\":1250.00"), "payment.total.value",
                    "is not a string");
        }

        @Test
        void rejectsAMissingCurrency() {
            assertMalformed(replacing(",\"currency\":\"EUR\"", ""), "payment.total.currency", "is missing");
        }

        @Test
        void rejectsANullPayeeNameBecauseAbsentMembersAreOmitted() {
            assertMalformed(replacing("\"payeeName\":\"Shop Ltd\"", "\"payeeName\":null"), "payment.payeeName",
                    "is not a string");
        }

        @Test
        void rejectsAnInstrumentWithoutIcon() {
            assertMalformed(replacing("\"icon\":\"" + ICON + "\",", ""), "payment.instrument.icon", "is missing");
        }

        @Test
        void rejectsLogosThatAreNotAnArrayOfUrlAndLabel() {
            assertMalformed(replacing(",\"total\"", ",\"paymentEntitiesLogos\":{},\"total\""),
                    "payment.paymentEntitiesLogos", "is not an array");
            assertMalformed(replacing(",\"total\"", ",\"paymentEntitiesLogos\":[{\"url\":\"u\"}],\"total\""),
                    "payment.paymentEntitiesLogos[0].label", "is missing");
            assertMalformed(replacing(",\"total\"", ",\"paymentEntitiesLogos\":[\"u\"],\"total\""),
                    "payment.paymentEntitiesLogos[0]", "is not an object");
        }
    }

    @Nested
    class CheckingAgainstTheRegistration {

        @Test
        void matchesWhatWasRegistered() {
            assertThat(read(clientDataJsonSigned(SIGNED)).mismatchWith(EXPECTED)).isEmpty();
        }

        @Test
        void rejectsAnotherRpId() {
            assertMismatch(SIGNED.withRpId("evil.example"), Mismatch.RP_ID);
        }

        @Test
        void rejectsAnotherTopOrigin() {
            assertMismatch(SIGNED.withTopOrigin("https://evil.example"), Mismatch.TOP_ORIGIN);
        }

        @Test
        void rejectsATopOriginWithATrailingSlashBecauseOriginsCompareExactly() {
            assertMismatch(SIGNED.withTopOrigin(SHOP + "/"), Mismatch.TOP_ORIGIN);
        }

        @Test
        void rejectsAnotherPayeeName() {
            assertMismatch(SIGNED.withPayeeName("Evil Ltd"), Mismatch.PAYEE_NAME);
        }

        @Test
        void rejectsAnAbsentPayeeNameThatWasRegistered() {
            assertMismatch(SIGNED.withPayeeName(null), Mismatch.PAYEE_NAME);
        }

        @Test
        void rejectsAPayeeNameShownThoughNoneWasRegistered() {
            assertThat(read(clientDataJsonSigned(SIGNED)).mismatchWith(withPayee(null, SHOP)))
                    .contains(Mismatch.PAYEE_NAME);
        }

        @Test
        void rejectsAnotherPayeeOrigin() {
            assertMismatch(SIGNED.withPayeeOrigin("https://evil.example"), Mismatch.PAYEE_ORIGIN);
        }

        @Test
        void rejectsAPayeeOriginShownThoughNoneWasRegistered() {
            assertThat(read(clientDataJsonSigned(SIGNED)).mismatchWith(withPayee("Shop Ltd", null)))
                    .contains(Mismatch.PAYEE_ORIGIN);
        }

        @Test
        void rejectsLogosShownThoughTheBankRegisteredNone() {
            assertMismatch(SIGNED.withPaymentEntitiesLogos(List.of(new PaymentEntityLogo("https://evil.example/l.png",
                    "Trusted"))), Mismatch.PAYMENT_ENTITIES_LOGOS);
        }

        @Test
        void acceptsAnEmptyLogoListAsNoLogos() {
            assertThat(read(clientDataJsonSigned(SIGNED.withPaymentEntitiesLogos(List.of()))).mismatchWith(EXPECTED))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1250.0", "1250", "1250.000", "01250.00", "1,250.00", " 1250.00", "125.00"})
        void rejectsATotalValueThatIsNotTheRegisteredStringEvenIfNumericallyEqual(String value) {
            assertMismatch(SIGNED.withTotal(new PaymentCurrencyAmount("EUR", value)), Mismatch.TOTAL);
        }

        @ParameterizedTest
        @ValueSource(strings = {"USD", "eur", "EUR "})
        void rejectsAnotherCurrencyOrSpelling(String currency) {
            assertMismatch(SIGNED.withTotal(new PaymentCurrencyAmount(currency, "1250.00")), Mismatch.TOTAL);
        }

        @Test
        void rejectsAnotherInstrumentName() {
            assertMismatch(SIGNED.withInstrument(PaymentCredentialInstrument.of("Visa ****9999", ICON)),
                    Mismatch.INSTRUMENT);
        }

        @Test
        void rejectsAnEmptyIconTheBrowserWritesWhenItCouldNotShowTheRegisteredOne() {
            assertMismatch(SIGNED.withInstrument(PaymentCredentialInstrument.of("Visa ****1234", "")),
                    Mismatch.INSTRUMENT);
        }

        @Test
        void rejectsInstrumentDetailsTheBankNeverRegistered() {
            assertMismatch(SIGNED.withInstrument(new PaymentCredentialInstrument("Visa ****1234", ICON, "refund", null)),
                    Mismatch.INSTRUMENT);
        }

        @Test
        void ignoresIconMustBeShownWhichIsNotShownToTheUser() {
            var signed = SIGNED.withInstrument(new PaymentCredentialInstrument("Visa ****1234", ICON, null, true));

            assertThat(read(clientDataJsonSigned(signed)).mismatchWith(EXPECTED)).isEmpty();
        }

        @Test
        void namesTheFirstMismatchInTheSpecsOrder() {
            var signed = SIGNED.withTopOrigin("https://evil.example").withTotal(new PaymentCurrencyAmount("EUR", "1.00"));

            assertThat(read(clientDataJsonSigned(signed)).mismatchWith(EXPECTED)).contains(Mismatch.TOP_ORIGIN);
        }

        @Test
        void namesEachMismatchAsTheSpecSpellsTheMember() {
            assertThat(List.of(Mismatch.values())).extracting(Mismatch::wire).containsExactly("rpId", "topOrigin",
                    "payeeName", "payeeOrigin", "paymentEntitiesLogos", "total", "instrument");
        }
    }

    @Nested
    class TheRegistration {

        @Test
        void needsAPayeeNameOrOriginAsSpcDoes() {
            assertThatThrownBy(() -> withPayee(null, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("payeeName or payeeOrigin");
        }

        @Test
        void refusesEmptyStrings() {
            assertThatThrownBy(() -> new Expected(RP_ID, SHOP, "", SHOP, "EUR", "1250.00", "Visa", ICON))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payeeName");
            assertThatThrownBy(() -> new Expected(RP_ID, SHOP, "Shop", SHOP, "EUR", "", "Visa", ICON))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value");
        }
    }

    private static Expected withPayee(@Nullable String payeeName, @Nullable String payeeOrigin) {
        return new Expected(RP_ID, SHOP, payeeName, payeeOrigin, "EUR", "1250.00", "Visa ****1234", ICON);
    }

    private static void assertMismatch(CollectedClientAdditionalPaymentData signed, Mismatch expected) {
        assertThat(read(clientDataJsonSigned(signed)).mismatchWith(EXPECTED)).isEqualTo(Optional.of(expected));
    }

    private static void assertMalformed(String clientDataJson, String member, String reason) {
        assertThat(parse(clientDataJson)).isEqualTo(new Parsed.Malformed(member, reason));
    }

    private static String replacing(String target, String replacement) {
        String json = clientDataJsonSigned(SIGNED);
        assertThat(json).contains(target);
        return json.replace(target, replacement);
    }

    private static SpcPaymentData read(String clientDataJson) {
        Parsed parsed = parse(clientDataJson);
        assertThat(parsed).isInstanceOf(Parsed.Read.class);
        return ((Parsed.Read) parsed).payment();
    }

    private static Parsed parse(String clientDataJson) {
        return SpcPaymentData.parse(clientDataJson.getBytes(StandardCharsets.UTF_8));
    }

    /** The clientDataJSON the testkit's authenticator signs for an SPC assertion carrying {@code payment}. */
    private static String clientDataJsonSigned(CollectedClientAdditionalPaymentData payment) {
        String credential = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE).authenticate(
                AuthenticationInput.of("Y2g", SHOP, RP_ID).withType("payment.get").withPayment(payment));
        String encoded = JsonMapper.builder().build().readTree(credential).get("response").get("clientDataJSON")
                .asString();
        return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
}
