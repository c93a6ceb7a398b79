package io.biometriccore.signing.internal;

import io.biometriccore.shared.ApiException;
import io.biometriccore.signing.TransactionProblem;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An amount as the bank writes it, {@code {value: "1250.00", currency: "EUR"}}: a decimal string with
 * exactly the currency's ISO 4217 minor units ({@link Currency#getDefaultFractionDigits()}), positive.
 * It is held as a whole number of minor units; no floating point anywhere.
 *
 * @param value    the decimal string, as written and as signed
 * @param minor    the same amount in minor units
 */
record Money(String value, String currency, long minor) {

    /** At most 15 digits: far beyond any payment, and safely inside a long. */
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?");

    /** @param member the member's path for the problem's detail, {@code amount} or {@code items[2].amount} */
    static Money parse(@Nullable Amount amount, String member) {
        if (amount == null || amount.value() == null || amount.currency() == null) {
            throw invalid(member + " needs value and currency");
        }
        Currency currency = currency(amount.currency(), member);
        int digits = currency.getDefaultFractionDigits();
        String value = amount.value();
        if (!DECIMAL.matcher(value).matches() || digits < 0 || new BigDecimal(value).scale() != digits) {
            throw invalid(member + ".value must be a decimal string with exactly " + Math.max(digits, 0)
                    + " fraction digits for " + currency.getCurrencyCode() + ", such as " + example(digits));
        }
        long minor = minorUnits(new BigDecimal(value).movePointRight(digits), member);
        if (minor <= 0) {
            throw invalid(member + ".value must be positive");
        }
        return new Money(value, currency.getCurrencyCode(), minor);
    }

    /**
     * Minor units that fit a long, as the database holds them: with 15 digits before the point, a
     * currency of four fraction digits (CLF) would not.
     */
    private static long minorUnits(BigDecimal units, String member) {
        try {
            return units.longValueExact();
        } catch (ArithmeticException e) {
            throw invalid(member + ".value is too large");
        }
    }

    /** The sum of amounts in minor units, or {@code transaction_invalid} when it overflows. */
    static long sum(long augend, long addend, String member) {
        try {
            return Math.addExact(augend, addend);
        } catch (ArithmeticException e) {
            throw invalid(member + " is too large: the sum overflows");
        }
    }

    /** The same currency's amount of {@code minor} units, written with its fraction digits. */
    static Money ofMinor(long minor, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return new Money(BigDecimal.valueOf(minor, digits).toPlainString(), currency, minor);
    }

    Map<String, Object> canonical() {
        return Map.of("value", value, "currency", currency);
    }

    private static Currency currency(String code, String member) {
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getCurrencyCode().equals(code)) {
                return currency;
            }
        } catch (IllegalArgumentException e) {
            // Not a code: the problem below says so.
        }
        throw invalid(member + ".currency must be an ISO 4217 code such as EUR");
    }

    private static String example(int digits) {
        return digits <= 0 ? "1250" : "1250." + "0".repeat(digits);
    }

    static ApiException invalid(String detail) {
        return new ApiException(TransactionProblem.TRANSACTION_INVALID, detail);
    }

    /** The amount member as the request carries it. */
    record Amount(@Nullable String value, @Nullable String currency) {
    }
}
