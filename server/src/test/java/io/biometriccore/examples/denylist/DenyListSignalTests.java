package io.biometriccore.examples.denylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.examples.denylist.DenyListSignal.DenyList;
import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.DecisionFacts;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenyListSignalTests {

    private static final List<String> FILE = List.of(
            "# countries the bank does not serve",
            "KP",
            "AS64496   # a hosting network used by a fraud ring",
            "",
            "198.51.100.0/24",
            "2001:db8:bad::/48");
    private static final Place IN_FRANCE = new Place(Place.Source.IP_DATABASE, null, "FR", "AS3215");

    private final DenyListSignal signal = new DenyListSignal(DenyList.parse(FILE));

    @Test
    void anAttemptFromNothingListedFindsNothing() {
        assertThat(evaluate(IN_FRANCE, "203.0.113.7")).isEmpty();
    }

    @Test
    void aListedCountryStepsUpWithItsLine() {
        Place inKorea = new Place(Place.Source.BANK, null, "KP", null);

        assertThat(evaluate(inKorea, "203.0.113.7"))
                .extracting(RiskContribution::reason, RiskContribution::score, RiskContribution::floor,
                        RiskContribution::detail)
                .containsExactly(Tuple.tuple("deny_listed_country", 40, RiskOutcome.STEP_UP, "KP, deny list line 2"));
    }

    @Test
    void aListedAutonomousSystemIsAListedNetwork() {
        Place onTheRingsNetwork = new Place(Place.Source.IP_DATABASE, null, "FR", "AS64496");

        assertThat(evaluate(onTheRingsNetwork, "203.0.113.7"))
                .extracting(RiskContribution::reason, RiskContribution::detail)
                .containsExactly(Tuple.tuple("deny_listed_network", "deny list line 3"));
    }

    @Test
    void aClientAddressInAListedRangeIsAListedNetworkWithoutTheAddressInTheDetail() {
        List<RiskContribution> v4 = evaluate(IN_FRANCE, "198.51.100.77");
        List<RiskContribution> v6 = evaluate(IN_FRANCE, "2001:db8:bad:1::5");

        assertThat(v4).extracting(RiskContribution::reason, RiskContribution::detail)
                .containsExactly(Tuple.tuple("deny_listed_network", "deny list line 5"));
        assertThat(v6).extracting(RiskContribution::detail).containsExactly("deny list line 6");
    }

    @Test
    void anAddressBesideAListedRangeIsNotInIt() {
        assertThat(evaluate(IN_FRANCE, "198.51.101.1")).isEmpty();
        assertThat(evaluate(IN_FRANCE, "2001:db8:bae::1")).isEmpty();
    }

    @Test
    void anUnknownPlaceAndNoAddressFindNothing() {
        assertThat(evaluate(Place.UNKNOWN, null)).isEmpty();
    }

    @Test
    void aListedCountryOnAListedNetworkFindsBoth() {
        Place both = new Place(Place.Source.IP_DATABASE, null, "KP", "AS64496");

        assertThat(evaluate(both, null)).extracting(RiskContribution::reason)
                .containsExactly("deny_listed_country", "deny_listed_network");
    }

    @Test
    void refusesALineThatIsNoEntryNamingTheLine() {
        assertThatThrownBy(() -> DenyList.parse(List.of("KP", "north korea")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("deny list line 2 is not");
        assertThatThrownBy(() -> DenyList.parse(List.of("198.51.100.7")))
                .hasMessageStartingWith("deny list line 1 is not");
    }

    @Test
    void refusesAHostNameRatherThanLookingItUp() {
        assertThatThrownBy(() -> DenyList.parse(List.of("fraud.example/24")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("deny list line 1 is not");
    }

    @Test
    void readsTheFileAndRefusesOneThatIsMissing(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("deny-list.txt"), FILE);

        assertThat(new DenyListSignal(DenyList.read(file)).evaluate(attempt(IN_FRANCE, "198.51.100.1"),
                RiskPolicy.defaults())).extracting(RiskContribution::reason).containsExactly("deny_listed_network");
        assertThatThrownBy(() -> DenyList.read(dir.resolve("missing.txt"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void withoutTheSettingThePluginOnEveryClassPathFindsNothing() {
        assertThat(System.getProperty(DenyListSignal.FILE_PROPERTY)).isNull();

        assertThat(new DenyListSignal().evaluate(attempt(new Place(Place.Source.BANK, null, "KP", "AS64496"),
                "198.51.100.1"), RiskPolicy.defaults())).isEmpty();
    }

    @Test
    void isFoundByTheServiceLoaderUnderItsName() {
        assertThat(ServiceLoader.load(RiskSignal.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(DenyListSignal.class);
        assertThat(new DenyListSignal().name()).isEqualTo("deny_list");
    }

    private List<RiskContribution> evaluate(Place place, String clientIp) {
        return signal.evaluate(attempt(place, clientIp), RiskPolicy.defaults());
    }

    /** A registration, the one attempt without a credential: the deny list judges every action alike. */
    private static RiskAttempt attempt(Place place, @Nullable String clientIp) {
        return new RiskAttempt("bank", RiskAction.REGISTER, Instant.parse("2026-12-01T21:00:00Z"), UUID.randomUUID(),
                null, DecisionFacts.of(UUID.randomUUID(), "none", "none", true, true, true, false, Set.of()), 0,
                clientIp, null, place, null, null, CustomerHistory.NONE);
    }
}
