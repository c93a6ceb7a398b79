package io.biometriccore.risk.internal;

import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.risk.internal.ExternalEngineCalls.Judgement;
import io.biometriccore.risk.internal.ExternalEngines.Engine;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code external} signal: the tenant's external risk engine, when it has one (ADR 0046). Its
 * answer is one {@code external_engine} contribution: its score, its decision as the floor. An engine
 * that does not answer in time or properly, or whose circuit is open, gives {@code external_unavailable}:
 * no points, the tenant's fallback as the floor ({@code step_up} unless the tenant chose otherwise;
 * none for a fallback of {@code allow}). This is the one signal that waits on the network, for the
 * engine's timeout at most (2 s).
 */
@Component
class ExternalEngineSignal implements RiskSignal {

    static final String NAME = "external";
    static final String ANSWERED = "external_engine";
    static final String UNAVAILABLE = "external_unavailable";

    private final ExternalEngines engines;
    private final ExternalEngineCalls calls;
    private final JsonMapper json;

    ExternalEngineSignal(ExternalEngines engines, ExternalEngineCalls calls, JsonMapper json) {
        this.engines = engines;
        this.calls = calls;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        Optional<Engine> engine = engines.find(attempt.tenantId());
        if (engine.isEmpty()) {
            return List.of();
        }
        return List.of(switch (calls.judge(engine.get(), ExternalEngineFacts.render(attempt, json))) {
            case Judgement.Answered answered -> answered(answered.answer());
            case Judgement.Unavailable unavailable -> unavailable(engine.get(), unavailable);
        });
    }

    private static RiskContribution answered(ExternalEngineAnswer answer) {
        String explanation = answer.reasons().isEmpty() ? "an attempt the bank's risk engine found unusual"
                : answer.reasons().getFirst().explanation();
        String codes = answer.reasons().stream().map(ExternalEngineAnswer.Reason::code)
                .collect(Collectors.joining(","));
        return new RiskContribution(NAME, ANSWERED, answer.score(), floor(answer.decision()), explanation,
                abbreviated("engine decision " + answer.decision().wireName() + (codes.isEmpty() ? "" : ": " + codes)));
    }

    private static RiskContribution unavailable(Engine engine, Judgement.Unavailable unavailable) {
        return new RiskContribution(NAME, UNAVAILABLE, 0, floor(engine.fallback()),
                "an attempt the bank's risk engine could not check",
                "engine " + unavailable.cause().wireName() + ", fallback " + engine.fallback().wireName());
    }

    private static @Nullable RiskOutcome floor(RiskOutcome outcome) {
        return outcome == RiskOutcome.ALLOW ? null : outcome;
    }

    private static String abbreviated(String detail) {
        return detail.length() <= 200 ? detail : detail.substring(0, 199) + "…";
    }
}
