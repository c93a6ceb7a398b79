package io.biometriccore.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.shared.ApiException;
import io.biometriccore.signing.internal.Money.Amount;
import io.biometriccore.signing.internal.TransactionRequest.Item;
import io.biometriccore.signing.internal.TransactionRequest.Payee;
import io.biometriccore.signing.internal.TransactionRequest.Spc;
import io.biometriccore.signing.internal.TransactionRequest.Spc.Instrument;
import io.biometriccore.tenancy.SigningPolicy;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A registered transaction's members: amounts with exactly the currency's ISO 4217 minor units, in
 * whole minor units and never floating point; a batch whose total is the sum of its items.
 */
class TransactionRequestTests {

    private static final Payee ACME = new Payee("ACME GmbH", "DE89370400440532013000");
    private static final SigningPolicy POLICY = new SigningPolicy(Map.of(), List.of("https://shop.example"),
            Period.ofYears(10));
    private static final Instrument CARD = new Instrument("Visa ****1234", "https://bank.example/card.png");

    @ParameterizedTest
    @CsvSource({"1250.00, EUR, 125000", "1250, JPY, 1250", "12.500, BHD, 12500", "0.01, EUR, 1",
        "999999999999999.99, EUR, 99999999999999999"})
    void anAmountIsHeldInWholeMinorUnits(String value, String currency, long minor) {
        Money money = Money.parse(new Amount(value, currency), "amount");

        assertThat(money.minor()).isEqualTo(minor);
        assertThat(money.value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"1250.0, EUR", "1250.000, EUR", "1250.00, JPY", "1250, EUR", "0.00, EUR", "-1.00, EUR",
        "1e3, EUR", "01.00, EUR", "1250.00, EURO", "1250.00, eur", "1250.00, XXX", "' 1.00', EUR"})
    void refusesAnAmountThatIsNotExactlyInTheCurrencysMinorUnits(String value, String currency) {
        assertInvalid(() -> Money.parse(new Amount(value, currency), "amount"), "amount");
    }

    @Test
    void aBatchMustAddUpToItsTotal() {
        TransactionRequest.Valid valid = batch("300.50", List.of(item("100.25"), item("200.25"))).validate(POLICY);
        assertThat(valid.amount().minor()).isEqualTo(30050);
        assertThat(valid.items()).hasSize(2);

        assertInvalid(() -> batch("300.49", List.of(item("100.25"), item("200.25"))).validate(POLICY),
                "amount must be the sum of the items, 300.50");
    }

    @Test
    void aBatchIsInOneCurrencyWithAPayeeForEveryItem() {
        assertInvalid(() -> batch("200.00", List.of(item("100.00"),
                new Item(new Amount("100", "JPY"), ACME, null))).validate(POLICY), "items[1].amount.currency");
        assertInvalid(() -> batch("100.00", List.of(new Item(new Amount("100.00", "EUR"), null, null))).validate(POLICY),
                "items[0].payee is required");
        assertInvalid(() -> batch("100.00", List.of()).validate(POLICY), "items must have 1 to 100");
    }

    @Test
    void onlyABatchHasItems() {
        assertInvalid(() -> new TransactionRequest(UUID.randomUUID(), "payment", new Amount("1.00", "EUR"), ACME,
                List.of(item("1.00")), null, null, null).validate(POLICY), "items are only for batch_payment");
    }

    @Test
    void aPaymentNamesItsPayeeAndExpiresWithinAnHour() {
        assertInvalid(() -> new TransactionRequest(UUID.randomUUID(), "payment", new Amount("1.00", "EUR"), null,
                null, null, null, null).validate(POLICY), "payee is required");
        assertInvalid(() -> new TransactionRequest(UUID.randomUUID(), "payment", new Amount("1.00", "EUR"), ACME,
                null, null, null, Duration.ofMinutes(61)).validate(POLICY), "expiresIn");
        assertThat(new TransactionRequest(UUID.randomUUID(), "payment", new Amount("1.00", "EUR"), ACME, null, null,
                null, null).validate(POLICY).expiresIn()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesAnUnknownType() {
        assertInvalid(() -> new TransactionRequest(UUID.randomUUID(), "refund", new Amount("1.00", "EUR"), ACME,
                null, null, null, null).validate(POLICY), "type must be one of");
    }

    @Test
    void anSpcPaymentKeepsItsOriginsNormalisedAndItsInstrument() {
        TransactionRequest.Valid valid = payment(new Spc("https://Shop.Example:443/", "https://SHOP.example/", CARD))
                .validate(POLICY);

        assertThat(valid.spc()).isEqualTo(Map.of("merchantOrigin", "https://shop.example",
                "payeeOrigin", "https://shop.example",
                "instrument", Map.of("displayName", "Visa ****1234", "icon", "https://bank.example/card.png")));
        assertThat(payment(new Spc("https://shop.example", null, CARD)).validate(POLICY).spc())
                .doesNotContainKey("payeeOrigin");
    }

    @Test
    void refusesSpcForAnotherMerchantAnotherTypeOrWithoutAnInstrument() {
        assertInvalid(() -> payment(new Spc("https://evil.example", null, CARD)).validate(POLICY),
                "spc.merchantOrigin must be one of the tenant's signing.spcMerchantOrigins");
        assertInvalid(() -> payment(new Spc("http://shop.example", null, CARD)).validate(POLICY),
                "spc.merchantOrigin must be https://host[:port]");
        assertInvalid(() -> payment(new Spc("https://shop.example", "https://shop.example/pay", CARD)).validate(POLICY),
                "spc.payeeOrigin must be https://host[:port]");
        assertInvalid(() -> payment(new Spc("https://shop.example", null, null)).validate(POLICY),
                "spc.instrument is required");
        assertInvalid(() -> payment(new Spc("https://shop.example", null, new Instrument("Visa", "http://x.example/i.png")))
                .validate(POLICY), "spc.instrument.icon must be an https URL");
        assertInvalid(() -> new TransactionRequest(UUID.randomUUID(), "batch_payment", new Amount("1.00", "EUR"), null,
                List.of(item("1.00")), null, null, null, new Spc("https://shop.example", null, CARD)).validate(POLICY),
                "spc is only for payment");
    }

    private static TransactionRequest payment(Spc spc) {
        return new TransactionRequest(UUID.randomUUID(), "payment", new Amount("1.00", "EUR"), ACME, null, null, null,
                null, spc);
    }

    private static TransactionRequest batch(String total, List<Item> items) {
        return new TransactionRequest(UUID.randomUUID(), "batch_payment", new Amount(total, "EUR"), null, items, null,
                "Payroll", null);
    }

    private static Item item(String value) {
        return new Item(new Amount(value, "EUR"), ACME, null);
    }

    private static void assertInvalid(ThrowingCallable call, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.problem().code()).isEqualTo("transaction_invalid");
            assertThat(e.getMessage()).contains(detail);
        });
    }
}
