package io.biometriccore.risk.internal;

import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.shared.BankNotification;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.RiskOutcome;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What an assessment leaves, in the caller's transaction: its {@code risk_decision} row, its counts in
 * the summary, and for a {@code step_up} or a {@code deny} the {@code risk.assessed} audit event (the
 * customer's activity history words it from the top reason's explanation); a {@code deny} tells the bank
 * ({@code risk.denied}).
 */
@Component
public class RiskRecording {

    private final RiskDecisions decisions;
    private final RiskSummary summary;
    private final ApplicationEventPublisher events;
    private final Period retention;

    RiskRecording(RiskDecisions decisions, RiskSummary summary, ApplicationEventPublisher events,
            @Value("${biometric.risk.decisions.retention:P90D}") Period retention) {
        this.decisions = decisions;
        this.summary = summary;
        this.events = events;
        this.retention = retention;
    }

    public void record(RiskAssessment a) {
        RiskAttempt attempt = a.attempt();
        decisions.insert(a, attempt.at().plus(retention));
        summary.count(a);
        if (a.outcome() == RiskOutcome.ALLOW) {
            return;
        }
        RiskContribution top = a.topReason().orElse(null);
        events.publishEvent(SecurityEvent.success(attempt.tenantId(), SecurityEventType.RISK_ASSESSED)
                .customer(attempt.customerId())
                .reason(a.outcome().wireName() + ":" + (top == null ? "score" : top.reason()))
                .personal("action", attempt.action().wireName()).personal("score", Integer.toString(a.score()))
                .personal("signals", a.contributions().stream().map(c -> c.reason() + "=" + c.score())
                        .collect(Collectors.joining(",")))
                .personal("explanation", top == null ? null : top.explanation()).build());
        if (a.outcome() == RiskOutcome.DENY) {
            events.publishEvent(new BankNotification(attempt.tenantId(), BankNotificationType.RISK_DENIED,
                    attempt.customerId() == null ? attempt.tenantId() : attempt.customerId().toString(),
                    Map.of("action", attempt.action().wireName(), "reasons", List.copyOf(RiskDecisions.reasons(a)))));
        }
    }
}
