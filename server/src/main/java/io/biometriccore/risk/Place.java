package io.biometriccore.risk;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where an attempt came from, as far as anyone could say: the bank's signed context, a location
 * database looked up by IP address, or nobody ({@link #UNKNOWN}, or {@link Source#UNKNOWN} with only the
 * address's prefix for its network).
 *
 * @param coordinates approximate, when known
 * @param country     ISO 3166-1 alpha-2, upper case, when known
 * @param network     the network the address belongs to, when known: {@code AS<number>} from an ASN
 *                    database, else the address's prefix ({@code 203.0.113.0/24}, {@code 2001:db8:1::/48})
 */
public record Place(Source source, @Nullable Coordinates coordinates, @Nullable String country,
        @Nullable String network) {

    /** Who said where the attempt came from, most trusted first. */
    public enum Source {
        /** The bank, in the signed {@code context} of the options request. */
        BANK,
        /** A location database, from the client's IP address. */
        IP_DATABASE,
        /** Nobody knows where: no context, no database, or an address it does not know; the network may still be its prefix. */
        UNKNOWN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Place UNKNOWN = new Place(Source.UNKNOWN, null, null, null);

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Place {
        Objects.requireNonNull(source, "source");
        if (country != null && !COUNTRY.matcher(country).matches()) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code");
        }
        if (network != null && (network.isBlank() || network.length() > 64)) {
            throw new IllegalArgumentException("network must be 1 to 64 characters");
        }
        if (source == Source.UNKNOWN && (coordinates != null || country != null)) {
            throw new IllegalArgumentException("an unknown place has no coordinates and no country");
        }
    }
}
