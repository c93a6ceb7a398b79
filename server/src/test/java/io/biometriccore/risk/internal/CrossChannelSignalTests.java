package io.biometriccore.risk.internal;

import static io.biometriccore.risk.internal.TestAttempts.FRANKFURT;
import static io.biometriccore.risk.internal.TestAttempts.IN_FRANKFURT;
import static io.biometriccore.risk.internal.TestAttempts.MAINZ;
import static io.biometriccore.risk.internal.TestAttempts.NOW;
import static io.biometriccore.risk.internal.TestAttempts.attempt;
import static io.biometriccore.risk.internal.TestAttempts.credential;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.Coordinates;
import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class CrossChannelSignalTests {

    private final CrossChannelSignal signal = new CrossChannelSignal();

    @Test
    void judgesCrossChannelApprovalsOnly() {
        assertThat(signal.actions()).containsExactly(RiskAction.CROSS_CHANNEL_APPROVAL);
    }

    @Test
    void aRequesterNextToThePhoneOnItsNetworkContributesNothing() {
        assertThat(evaluate(new Place(Place.Source.IP_DATABASE, MAINZ, "DE", "AS64500"))).isEmpty();
    }

    @Test
    void aRequesterInAnotherCountryOnAnotherNetworkAddsBoth() {
        Place paris = new Place(Place.Source.IP_DATABASE, new Coordinates(48.8566, 2.3522), "FR", "AS64502");

        List<RiskContribution> found = evaluate(paris);

        assertThat(found).extracting(RiskContribution::reason, RiskContribution::score)
                .containsExactly(Tuple.tuple("requester_far", 30), Tuple.tuple("requester_network", 10));
        assertThat(found.getFirst().detail()).isEqualTo("FR and DE");
    }

    @Test
    void aRequesterMoreThanFiveHundredKilometresAwayInTheSameCountryIsFar() {
        Coordinates berlin = new Coordinates(52.52, 13.405);
        Coordinates munich = new Coordinates(48.1351, 11.582);
        assertThat(FRANKFURT.kilometresTo(berlin)).isGreaterThan(400).isLessThan(500);
        assertThat(berlin.kilometresTo(munich)).isGreaterThan(500);

        assertThat(evaluate(new Place(Place.Source.IP_DATABASE, berlin, "DE", "AS64500"))).isEmpty();
        assertThat(signal.evaluate(crossChannel(new Place(Place.Source.IP_DATABASE, berlin, "DE", "AS64500"),
                new Place(Place.Source.IP_DATABASE, munich, "DE", "AS64500")), RiskPolicy.defaults()))
                .extracting(RiskContribution::reason).containsExactly("requester_far");
    }

    @Test
    void unknownPlacesAreNeitherFarNorOtherNetworks() {
        assertThat(evaluate(Place.UNKNOWN)).isEmpty();
        assertThat(evaluate(new Place(Place.Source.UNKNOWN, null, null, "AS64500"))).isEmpty();
    }

    @Test
    void aPrefixNetworkDifferentFromThePhonesCounts() {
        assertThat(evaluate(new Place(Place.Source.UNKNOWN, null, null, "198.51.100.0/24")))
                .extracting(RiskContribution::reason).containsExactly("requester_network");
    }

    private List<RiskContribution> evaluate(Place requester) {
        return signal.evaluate(crossChannel(requester, IN_FRANKFURT), RiskPolicy.defaults());
    }

    private static io.biometriccore.risk.RiskAttempt crossChannel(Place requester, Place approver) {
        return attempt(RiskAction.CROSS_CHANNEL_APPROVAL, credential(1), 2, approver, requester, CustomerHistory.NONE, NOW);
    }
}
