package io.biometriccore.risk.internal;

import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.DecisionFacts;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * How far the authenticator can be trusted, from the facts the policy judged it on: an attestation
 * that did not chain to a trusted root, none at all (or self), FIDO MDS3 status reports other than a
 * certification, and, for a payment, a synced passkey (BE=1), whose key lives beyond the one device.
 */
@Component
class AuthenticatorSignal implements RiskSignal {

    private static final String CERTIFIED = "FIDO_CERTIFIED";

    @Override
    public String name() {
        return "authenticator";
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        DecisionFacts facts = attempt.authenticator();
        String subject = AttemptWords.of(attempt.action());
        List<RiskContribution> found = new ArrayList<>();
        switch (facts.trust()) {
            case "untrusted" -> found.add(RiskContribution.of(name(), "attestation_untrusted", 10,
                    subject + " with a passkey from an unrecognised maker", "attestation " + facts.format() + " untrusted"));
            case "none", "self" -> found.add(RiskContribution.of(name(), "attestation_none", 10,
                    subject + " with a passkey that does not prove its maker", "attestation " + facts.trust()));
            default -> { }
        }
        Set<String> reported = new TreeSet<>(facts.statuses().stream().filter(s -> !s.startsWith(CERTIFIED)).toList());
        if (!reported.isEmpty()) {
            found.add(RiskContribution.of(name(), "authenticator_status", 15,
                    subject + " with a passkey model that has open reports", bounded(String.join(", ", reported))));
        }
        if (attempt.action() == RiskAction.APPROVE_TRANSACTION && facts.backupEligible()) {
            found.add(RiskContribution.of(name(), "synced_credential", 10,
                    subject + " with a passkey synced across devices", "backup eligible"));
        }
        return found;
    }

    private static String bounded(String statuses) {
        return statuses.length() > 200 ? statuses.substring(0, 200) : statuses;
    }
}
