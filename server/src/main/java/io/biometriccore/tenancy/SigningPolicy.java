package io.biometriccore.tenancy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Period;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the tenant's transactions are signed (PSD2 dynamic linking, ADR 0034).
 *
 * @param deviceBoundAbove   per ISO 4217 currency code, the amount in minor units above which only a
 *                           device-bound credential (BE=0, and not software keys by its FIDO metadata,
 *                           ADR 0042) may approve: {@code {EUR: 100000}} is
 *                           1,000.00 EUR. A currency without an entry has no such limit
 * @param spcMerchantOrigins the merchant origins whose pages may ask for a Secure Payment Confirmation,
 *                           normalised by {@link #spcOrigin} (ADR 0037)
 * @param evidenceRetention  how long an approval's evidence is kept, unless it is under legal hold
 *                           (default ten years)
 */
public record SigningPolicy(Map<String, Long> deviceBoundAbove, List<String> spcMerchantOrigins,
        Period evidenceRetention) {

    private static final long MAX_MONTHS = 1_200;
    private static final int MAX_ORIGINS = 50;
    private static final int MAX_ORIGIN_LENGTH = 255;

    public SigningPolicy {
        deviceBoundAbove = Map.copyOf(Objects.requireNonNull(deviceBoundAbove, "deviceBoundAbove"));
        deviceBoundAbove.forEach(SigningPolicy::requireThreshold);
        Objects.requireNonNull(spcMerchantOrigins, "spcMerchantOrigins");
        if (spcMerchantOrigins.size() > MAX_ORIGINS) {
            throw new IllegalArgumentException("signing.spcMerchantOrigins: at most " + MAX_ORIGINS + " origins");
        }
        spcMerchantOrigins = spcMerchantOrigins.stream().map(o -> spcOrigin(o, "signing.spcMerchantOrigins"))
                .distinct().toList();
        Objects.requireNonNull(evidenceRetention, "evidenceRetention");
        if (evidenceRetention.isNegative() || evidenceRetention.isZero()
                || evidenceRetention.toTotalMonths() > MAX_MONTHS || evidenceRetention.getDays() > 36_525) {
            throw new IllegalArgumentException(
                    "signing.evidenceRetention must be a positive ISO-8601 period of at most 100 years, such as P10Y");
        }
    }

    public static SigningPolicy defaults() {
        return new SigningPolicy(Map.of(), List.of(), Period.ofYears(10));
    }

    public static SigningPolicy withDefaults(@Nullable Map<String, Long> deviceBoundAbove,
            @Nullable List<String> spcMerchantOrigins, @Nullable Period evidenceRetention) {
        SigningPolicy d = defaults();
        return new SigningPolicy(deviceBoundAbove != null ? deviceBoundAbove : d.deviceBoundAbove(),
                spcMerchantOrigins != null ? spcMerchantOrigins : d.spcMerchantOrigins(),
                evidenceRetention != null ? evidenceRetention : d.evidenceRetention());
    }

    /** Whether an amount of {@code minorUnits} in {@code currency} may only be approved by a device-bound credential. */
    public boolean requiresDeviceBound(String currency, long minorUnits) {
        Long threshold = deviceBoundAbove.get(currency);
        return threshold != null && minorUnits > threshold;
    }

    private static void requireThreshold(String currency, @Nullable Long minorUnits) {
        try {
            if (!Currency.getInstance(currency).getCurrencyCode().equals(currency)) {
                throw new IllegalArgumentException(currency);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signing.deviceBoundAbove: " + currency + " is not an ISO 4217 code");
        }
        if (minorUnits == null || minorUnits < 0) {
            throw new IllegalArgumentException("signing.deviceBoundAbove." + currency
                    + " must be an amount in minor units, 0 or more");
        }
    }

    /** Whether a page of {@code origin}, normalised by {@link #spcOrigin}, may ask for a Secure Payment Confirmation. */
    public boolean allowsSpcMerchant(String origin) {
        return spcMerchantOrigins.contains(origin);
    }

    /**
     * An https origin as the browser serialises it (HTML's ASCII serialisation of an origin, which SPC
     * §4.9 applies to {@code payeeOrigin}): scheme and host in lower case, the default port dropped, no
     * path beyond {@code /}, no query, fragment or user info. Checks of what SPC signed compare origins
     * exactly, so they are normalised once, here (ADR 0037).
     *
     * @param member the member named in the message
     * @throws IllegalArgumentException naming the member when it is not an https origin
     */
    public static String spcOrigin(String origin, String member) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNull(origin, member));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(member + " must be https://host[:port]");
        }
        String path = uri.getRawPath();
        boolean bare = (path == null || path.isEmpty() || path.equals("/")) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (uri.getScheme() == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                || uri.getHost().isEmpty() || !bare || origin.length() > MAX_ORIGIN_LENGTH) {
            throw new IllegalArgumentException(member + " must be https://host[:port]");
        }
        int port = uri.getPort();
        return "https://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 || port == 443 ? "" : ":" + port);
    }
}
