package io.biometriccore.risk.internal;

import io.biometriccore.risk.Coordinates;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A cross-channel approval whose requesting browser is far from the approving phone (another country,
 * or more than {@value #FAR_KM} km) or on another network: how a relayed QR code or user code looks
 * (docs/SECURITY-NOTES "Cross-device sign-in is phishable").
 */
@Component
class CrossChannelSignal implements RiskSignal {

    static final double FAR_KM = 500;

    @Override
    public String name() {
        return "cross_channel";
    }

    @Override
    public Set<RiskAction> actions() {
        return Set.of(RiskAction.CROSS_CHANNEL_APPROVAL);
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        Place requester = attempt.requesterPlace();
        if (requester == null) {
            return List.of();
        }
        Place approver = attempt.place();
        List<RiskContribution> found = new ArrayList<>();
        String far = far(requester, approver);
        if (far != null) {
            found.add(RiskContribution.of(name(), "requester_far", 30,
                    "a sign-in asked for far from this phone", far));
        }
        if (requester.network() != null && approver.network() != null && !requester.network().equals(approver.network())) {
            found.add(RiskContribution.of(name(), "requester_network", 10,
                    "a sign-in asked for from another network than this phone's", null));
        }
        return found;
    }

    /** Why the two are far apart, or null when they are not (or nobody knows). */
    private static @Nullable String far(Place requester, Place approver) {
        if (requester.country() != null && approver.country() != null && !requester.country().equals(approver.country())) {
            return requester.country() + " and " + approver.country();
        }
        Coordinates from = requester.coordinates();
        Coordinates to = approver.coordinates();
        if (from != null && to != null && from.kilometresTo(to) > FAR_KM) {
            return Math.round(from.kilometresTo(to)) + " km apart";
        }
        return null;
    }
}
