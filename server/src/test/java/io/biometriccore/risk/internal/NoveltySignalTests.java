package io.biometriccore.risk.internal;

import static io.biometriccore.risk.internal.TestAttempts.CREDENTIAL;
import static io.biometriccore.risk.internal.TestAttempts.IN_FRANKFURT;
import static io.biometriccore.risk.internal.TestAttempts.NOW;
import static io.biometriccore.risk.internal.TestAttempts.attempt;
import static io.biometriccore.risk.internal.TestAttempts.credential;
import static io.biometriccore.risk.internal.TestAttempts.history;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class NoveltySignalTests {

    private static final CustomerHistory SEEN_IN_FRANKFURT = history(3, NOW.minusSeconds(3600), IN_FRANKFURT,
            Set.of("AS64500"), Set.of("DE"), Set.of(CREDENTIAL));

    private final NoveltySignal signal = new NoveltySignal();

    @Test
    void whatTheHistoryHoldsIsNotNew() {
        assertThat(evaluate(RiskAction.SIGN_IN, IN_FRANKFURT, SEEN_IN_FRANKFURT)).isEmpty();
    }

    @Test
    void aNewNetworkInAKnownCountryAddsFifteenPoints() {
        Place otherNetwork = new Place(Place.Source.IP_DATABASE, null, "DE", "198.51.100.0/24");

        assertThat(evaluate(RiskAction.SIGN_IN, otherNetwork, SEEN_IN_FRANKFURT))
                .extracting(RiskContribution::reason, RiskContribution::score)
                .containsExactly(Tuple.tuple("new_network", 10));
    }

    @Test
    void aNewCountryAddsThirtyPointsBesideItsNetwork() {
        Place tokyo = new Place(Place.Source.IP_DATABASE, TestAttempts.TOKYO, "JP", "AS64501");

        List<RiskContribution> found = evaluate(RiskAction.SIGN_IN, tokyo, SEEN_IN_FRANKFURT);

        assertThat(found).extracting(RiskContribution::reason, RiskContribution::score)
                .containsExactly(Tuple.tuple("new_network", 10), Tuple.tuple("new_country", 20));
        assertThat(found.get(1).explanation()).isEqualTo("a sign-in from a new country");
    }

    @Test
    void aCredentialNotUsedBeforeAddsTenPoints() {
        CustomerHistory otherCredential = history(3, NOW, IN_FRANKFURT, Set.of("AS64500"), Set.of("DE"), Set.of("AQID"));

        assertThat(evaluate(RiskAction.STEP_UP, IN_FRANKFURT, otherCredential))
                .extracting(RiskContribution::reason, RiskContribution::score)
                .containsExactly(Tuple.tuple("new_credential", 10));
    }

    @Test
    void aRegistrationForACustomerWithAHistoryIsANewDevice() {
        assertThat(signal.evaluate(attempt(RiskAction.REGISTER, null, 0, IN_FRANKFURT, null, SEEN_IN_FRANKFURT, NOW),
                RiskPolicy.defaults())).extracting(RiskContribution::reason).containsExactly("new_device");
    }

    @Test
    void aCustomerWithoutSuccessesHasNothingNew() {
        assertThat(signal.evaluate(attempt(RiskAction.REGISTER, null, 0, IN_FRANKFURT, null, CustomerHistory.NONE, NOW),
                RiskPolicy.defaults())).isEmpty();
        assertThat(evaluate(RiskAction.SIGN_IN, IN_FRANKFURT, CustomerHistory.NONE)).isEmpty();
    }

    @Test
    void anUnknownPlaceAndAnEmptyMemoryAreNeverNew() {
        CustomerHistory remembersNothing = history(3, NOW, null, Set.of(), Set.of(), Set.of(CREDENTIAL));

        assertThat(evaluate(RiskAction.SIGN_IN, Place.UNKNOWN, SEEN_IN_FRANKFURT)).isEmpty();
        assertThat(evaluate(RiskAction.SIGN_IN, IN_FRANKFURT, remembersNothing)).isEmpty();
    }

    private List<RiskContribution> evaluate(RiskAction action, Place place, CustomerHistory history) {
        return signal.evaluate(attempt(action, credential(1), 2, place, null, history, NOW), RiskPolicy.defaults());
    }
}
