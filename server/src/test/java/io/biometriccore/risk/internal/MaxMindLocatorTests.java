package io.biometriccore.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.risk.NetworkLocation;
import io.biometriccore.risk.Place;
import io.biometriccore.testsupport.TestLocationDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaxMindLocatorTests {

    @TempDir
    static Path directory;

    static TestLocationDatabases databases;
    static MaxMindLocator both;

    @BeforeAll
    static void writeDatabases() throws IOException {
        databases = TestLocationDatabases.writeInto(directory);
        both = MaxMindLocator.open(databases.city(), databases.asn());
    }

    @AfterAll
    static void close() throws IOException {
        both.close();
    }

    @Test
    void placesAnAddressWithItsCoordinatesCountryAndAutonomousSystem() {
        Place place = both.place("203.0.113.7");

        assertThat(place.source()).isEqualTo(Place.Source.IP_DATABASE);
        assertThat(place.country()).isEqualTo("DE");
        assertThat(place.network()).isEqualTo("AS64500");
        assertThat(place.coordinates().latitude()).isEqualTo(50.1109);
        assertThat(place.coordinates().longitude()).isEqualTo(8.6821);
    }

    @Test
    void anAddressWithoutAnAutonomousSystemHasItsPrefixForNetwork() {
        assertThat(both.place("192.0.2.10").network()).isEqualTo("192.0.2.0/24");
        assertThat(both.place("192.0.2.10").country()).isEqualTo("DE");
    }

    @Test
    void placesIpv6Addresses() {
        Place place = both.place("2001:db8:1::42");

        assertThat(place.country()).isEqualTo("FR");
        assertThat(place.network()).isEqualTo("AS64502");
    }

    @Test
    void anAddressNoDatabaseKnowsIsUnknownWithItsPrefix() {
        assertThat(both.place("10.1.2.3")).isEqualTo(new Place(Place.Source.UNKNOWN, null, null, "10.1.2.0/24"));
        assertThat(both.locate("10.1.2.3")).isEqualTo(NetworkLocation.UNKNOWN_LOCATION);
    }

    @Test
    void noAddressOrAMalformedOneIsUnknown() {
        assertThat(both.place(null)).isEqualTo(Place.UNKNOWN);
        assertThat(both.place("not-an-address")).isEqualTo(Place.UNKNOWN);
        assertThat(both.locate("example.com")).isEqualTo(NetworkLocation.UNKNOWN_LOCATION);
    }

    @Test
    void locatesForPeopleWithTheOrganisationAndTheCityAndCountry() {
        assertThat(both.locate("198.51.100.20")).isEqualTo(new NetworkLocation("Example Telecom", "Tokyo, Japan"));
        assertThat(both.locate("192.0.2.200")).isEqualTo(new NetworkLocation(NetworkLocation.UNKNOWN, "Germany"));
    }

    @Test
    void aCityDatabaseAloneGivesPlacesWithPrefixNetworks() throws IOException {
        try (MaxMindLocator cities = MaxMindLocator.open(databases.city(), null)) {
            assertThat(cities.place("198.51.100.20")).isEqualTo(new Place(Place.Source.IP_DATABASE,
                    TestAttempts.TOKYO, "JP", "198.51.100.0/24"));
        }
    }

    @Test
    void anAsnDatabaseAloneGivesNetworksOfUnknownPlaces() throws IOException {
        try (MaxMindLocator networks = MaxMindLocator.open(null, databases.asn())) {
            assertThat(networks.place("203.0.113.7")).isEqualTo(new Place(Place.Source.UNKNOWN, null, null, "AS64500"));
        }
    }

    @Test
    void aFileThatIsNoDatabaseStopsTheStart() throws IOException {
        Path notADatabase = Files.writeString(directory.resolve("not.mmdb"), "not a database");

        assertThatThrownBy(() -> MaxMindLocator.open(notADatabase, null)).isInstanceOf(IOException.class);
    }
}
