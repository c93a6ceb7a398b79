package io.biometriccore.risk.internal;

import io.biometriccore.risk.Coordinates;
import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Impossible travel: this attempt and the customer's last success placed {@value #MIN_KM} km or more
 * apart, further than the policy's {@code maxTravelKmh} allows in the time between them. Places are
 * only compared when both have coordinates; nearer ones are within what a database's accuracy blurs.
 */
@Component
class GeoVelocitySignal implements RiskSignal {

    static final double MIN_KM = 100;

    @Override
    public String name() {
        return "geo_velocity";
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        CustomerHistory history = attempt.history();
        Instant lastAt = history.lastAt();
        Place last = history.lastPlace();
        Coordinates here = attempt.place().coordinates();
        if (lastAt == null || last == null || last.coordinates() == null || here == null) {
            return List.of();
        }
        double km = here.kilometresTo(last.coordinates());
        Duration elapsed = Duration.between(lastAt, attempt.at());
        double hours = Math.max(0, elapsed.toMillis()) / 3_600_000.0;
        if (km < MIN_KM || km <= policy.maxTravelKmh() * hours) {
            return List.of();
        }
        // Never denied on its own: travellers, VPNs and a database's errors make it; the customer confirms.
        return List.of(new RiskContribution(name(), "impossible_travel", 50, RiskOutcome.STEP_UP,
                AttemptWords.of(attempt.action()) + " from far away soon after the last one",
                Math.round(km) + " km in " + Math.max(0, elapsed.toMinutes()) + " min"));
    }
}
