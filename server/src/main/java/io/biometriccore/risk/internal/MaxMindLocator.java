package io.biometriccore.risk.internal;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import io.biometriccore.risk.Coordinates;
import io.biometriccore.risk.NetworkLocation;
import io.biometriccore.risk.NetworkLocator;
import io.biometriccore.risk.Place;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places addresses with MaxMind GeoIP2 or GeoLite2 databases ({@code .mmdb}), read by MaxMind's own
 * reader (ADR 0044): a City database for the country, the city and the coordinates, and optionally an
 * ASN database for the network ({@code AS<number>}, its organisation for people). An address neither
 * database knows gets what {@link NoLocationDatabase} gives; a failed lookup is logged without the address.
 */
final class MaxMindLocator implements NetworkLocator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MaxMindLocator.class);
    private static final int MAX_LENGTH = 128;

    private final @Nullable DatabaseReader cities;
    private final @Nullable DatabaseReader networks;
    private final NoLocationDatabase fallback = new NoLocationDatabase();

    private MaxMindLocator(@Nullable DatabaseReader cities, @Nullable DatabaseReader networks) {
        this.cities = cities;
        this.networks = networks;
    }

    /** Opens the databases named, at least one; @throws IOException when a file cannot be read as one. */
    static MaxMindLocator open(@Nullable Path cityDatabase, @Nullable Path asnDatabase) throws IOException {
        if (cityDatabase == null && asnDatabase == null) {
            throw new IllegalArgumentException("a City or an ASN database is needed");
        }
        return new MaxMindLocator(reader(cityDatabase), reader(asnDatabase));
    }

    @Override
    public NetworkLocation locate(@Nullable String ip) {
        Optional<InetAddress> address = literal(ip);
        String network = address.flatMap(this::asn).map(AsnResponse::autonomousSystemOrganization)
                .map(MaxMindLocator::bounded).orElse(NetworkLocation.UNKNOWN);
        String location = address.flatMap(this::city).map(MaxMindLocator::words).filter(w -> !w.isBlank())
                .map(MaxMindLocator::bounded).orElse(NetworkLocation.UNKNOWN);
        return new NetworkLocation(network, location);
    }

    @Override
    public Place place(@Nullable String ip) {
        Optional<InetAddress> address = literal(ip);
        Optional<CityResponse> city = address.flatMap(this::city);
        String network = address.flatMap(this::asn).map(AsnResponse::autonomousSystemNumber)
                .map(number -> "AS" + number).orElseGet(() -> fallback.place(ip).network());
        @Nullable String country = city.map(c -> c.country().isoCode()).orElse(null);
        @Nullable Coordinates coordinates = city.flatMap(MaxMindLocator::coordinates).orElse(null);
        if (country == null && coordinates == null) {
            return new Place(Place.Source.UNKNOWN, null, null, network);
        }
        return new Place(Place.Source.IP_DATABASE, coordinates, country, network);
    }

    private Optional<CityResponse> city(InetAddress address) {
        return cities == null ? Optional.empty() : lookup(() -> cities.tryCity(address));
    }

    private Optional<AsnResponse> asn(InetAddress address) {
        return networks == null ? Optional.empty() : lookup(() -> networks.tryAsn(address));
    }

    private interface Lookup<T> {
        Optional<T> run() throws IOException, GeoIp2Exception;
    }

    private static <T> Optional<T> lookup(Lookup<T> lookup) {
        try {
            return lookup.run();
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            log.warn("Location lookup failed ({})", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static Optional<Coordinates> coordinates(CityResponse city) {
        Double latitude = city.location().latitude();
        Double longitude = city.location().longitude();
        return latitude == null || longitude == null ? Optional.empty()
                : Optional.of(new Coordinates(latitude, longitude));
    }

    private static String words(CityResponse city) {
        return Stream.of(city.city().name(), city.country().name()).filter(name -> name != null && !name.isBlank())
                .collect(Collectors.joining(", "));
    }

    private static String bounded(String text) {
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    }

    private static Optional<InetAddress> literal(@Nullable String ip) {
        if (ip == null || ip.isBlank() || ip.length() > 45) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(ip));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static @Nullable DatabaseReader reader(@Nullable Path database) throws IOException {
        return database == null ? null : new DatabaseReader.Builder(database.toFile()).build();
    }

    @Override
    public void close() throws IOException {
        if (cities != null) {
            cities.close();
        }
        if (networks != null) {
            networks.close();
        }
    }
}
