package io.biometriccore.risk.internal;

import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What this customer has not been seen with: a network or a country their history does not hold, a
 * credential not used before, a new device registered for a customer who already has a history. A
 * customer without successes has nothing to compare with, and a fact nobody knows is never new.
 */
@Component
class NoveltySignal implements RiskSignal {

    @Override
    public String name() {
        return "novelty";
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        CustomerHistory history = attempt.history();
        if (history.successes() == 0) {
            return List.of();
        }
        String subject = AttemptWords.of(attempt.action());
        List<RiskContribution> found = new ArrayList<>();
        String network = attempt.place().network();
        if (isNew(network, history.networks())) {
            found.add(RiskContribution.of(name(), "new_network", 10, subject + " from a new network", null));
        }
        String country = attempt.place().country();
        if (isNew(country, history.countries())) {
            found.add(RiskContribution.of(name(), "new_country", 20, subject + " from a new country", country));
        }
        if (attempt.credential() != null
                && isNew(Base64Url.encode(attempt.credential().credentialId()), history.credentials())) {
            found.add(RiskContribution.of(name(), "new_credential", 10, subject + " with a passkey not used before", null));
        }
        if (attempt.action() == RiskAction.REGISTER) {
            found.add(RiskContribution.of(name(), "new_device", 10, "a passkey on a new device", null));
        }
        return found;
    }

    /** Known, and missing from what the history knows; an empty memory has nothing to miss it from. */
    private static boolean isNew(@Nullable String fact, Set<String> seen) {
        return fact != null && !seen.isEmpty() && !seen.contains(fact);
    }
}
