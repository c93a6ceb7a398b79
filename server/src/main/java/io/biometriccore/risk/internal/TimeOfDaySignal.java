package io.biometriccore.risk.internal;

import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.RiskPolicy;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * An hour the customer is hardly ever active at: with {@value #MIN_SUCCESSES} successes or more in the
 * history, fewer than 2% of them within an hour either side of this one (UTC).
 */
@Component
class TimeOfDaySignal implements RiskSignal {

    static final int MIN_SUCCESSES = 20;

    @Override
    public String name() {
        return "time_of_day";
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        CustomerHistory history = attempt.history();
        if (history.successes() < MIN_SUCCESSES) {
            return List.of();
        }
        int hour = attempt.at().atZone(ZoneOffset.UTC).getHour();
        long near = history.hours().get((hour + 23) % 24) + history.hours().get(hour) + history.hours().get((hour + 1) % 24);
        if (near * 50 >= history.successes()) {
            return List.of();
        }
        return List.of(RiskContribution.of(name(), "unusual_hour", 15,
                AttemptWords.of(attempt.action()) + " at an unusual hour",
                near + " of " + history.successes() + " successes within an hour of " + hour + ":00 UTC"));
    }
}
