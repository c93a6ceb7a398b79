package io.biometriccore.risk.internal;

import static io.biometriccore.risk.internal.TestAttempts.FRANKFURT;
import static io.biometriccore.risk.internal.TestAttempts.MAINZ;
import static io.biometriccore.risk.internal.TestAttempts.NOW;
import static io.biometriccore.risk.internal.TestAttempts.TOKYO;
import static io.biometriccore.risk.internal.TestAttempts.attempt;
import static io.biometriccore.risk.internal.TestAttempts.credential;
import static io.biometriccore.risk.internal.TestAttempts.history;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.Coordinates;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.tenancy.RiskPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import io.biometriccore.tenancy.RiskOutcome;
import org.junit.jupiter.api.Test;

class GeoVelocitySignalTests {

    private final GeoVelocitySignal signal = new GeoVelocitySignal();

    @Test
    void frankfurtThenTokyoWithinAnHourIsImpossibleTravel() {
        assertThat(evaluate(at(FRANKFURT), at(TOKYO), Duration.ofMinutes(58))).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("impossible_travel");
            assertThat(c.score()).isEqualTo(50);
            assertThat(c.floor()).isEqualTo(RiskOutcome.STEP_UP);
            assertThat(c.detail()).matches("93\\d\\d km in 58 min");
        });
    }

    @Test
    void theSameJourneyAfterAFlightsTimeIsPossible() {
        assertThat(evaluate(at(FRANKFURT), at(TOKYO), Duration.ofHours(12))).isEmpty();
    }

    @Test
    void aSpeedJustOverThePolicysMaximumIsImpossibleAndJustUnderIsNot() {
        Coordinates east = new Coordinates(50.1109, 8.6821 + 1000 / (111.2 * Math.cos(Math.toRadians(50.1109))));
        double km = FRANKFURT.kilometresTo(east);
        Duration atMax = Duration.ofMillis(Math.round(km / 1000 * 3_600_000));

        assertThat(evaluate(at(FRANKFURT), at(east), atMax.minusSeconds(30))).hasSize(1);
        assertThat(evaluate(at(FRANKFURT), at(east), atMax.plusSeconds(30))).isEmpty();
    }

    @Test
    void placesLessThanAHundredKilometresApartAreNeverImpossible() {
        assertThat(FRANKFURT.kilometresTo(MAINZ)).isLessThan(100);
        assertThat(evaluate(at(FRANKFURT), at(MAINZ), Duration.ZERO)).isEmpty();
    }

    @Test
    void aPlaceWithoutCoordinatesIsNotCompared() {
        Place countryOnly = new Place(Place.Source.IP_DATABASE, null, "JP", "AS64501");

        assertThat(evaluate(at(FRANKFURT), countryOnly, Duration.ofMinutes(5))).isEmpty();
        assertThat(evaluate(countryOnly, at(FRANKFURT), Duration.ofMinutes(5))).isEmpty();
        assertThat(evaluate(Place.UNKNOWN, at(FRANKFURT), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void aCustomerWithoutALastSuccessHasNowhereToComeFrom() {
        assertThat(signal.evaluate(attempt(RiskAction.SIGN_IN, credential(1), 2, at(TOKYO), null,
                history(0, null, null, Set.of(), Set.of(), Set.of()), NOW), RiskPolicy.defaults())).isEmpty();
    }

    private List<RiskContribution> evaluate(Place last, Place now, Duration between) {
        return signal.evaluate(attempt(RiskAction.SIGN_IN, credential(1), 2, now, null,
                history(5, NOW.minus(between), last, Set.of(), Set.of(), Set.of()), NOW), RiskPolicy.defaults());
    }

    private static Place at(Coordinates coordinates) {
        return new Place(Place.Source.IP_DATABASE, coordinates, null, null);
    }
}
