package io.biometriccore.risk.internal;

import io.biometriccore.tenancy.RiskOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an external engine answered (docs/risk.md "The external engine's contract"): a score of 0 to
 * 100, a decision, and its reasons. Read strictly: a member missing, unknown or of the wrong type, a
 * score out of range, more than {@value #MAX_REASONS} reasons, is a {@link Malformed} answer, which the
 * signal takes as a failure of the engine (the fallback), never as an allow.
 */
record ExternalEngineAnswer(int score, RiskOutcome decision, List<Reason> reasons) {

    static final int MAX_REASONS = 10;
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    private static final Set<String> MEMBERS = Set.of("score", "decision", "reasons");
    private static final Set<String> REASON_MEMBERS = Set.of("code", "explanation");

    /** One of the engine's reasons: its own code, and words for the customer. */
    record Reason(String code, String explanation) {
        Reason {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /** The engine answered something this contract does not allow. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    ExternalEngineAnswer {
        Objects.requireNonNull(decision, "decision");
        reasons = List.copyOf(reasons);
    }

    static ExternalEngineAnswer parse(String body, JsonMapper json) throws Malformed {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (JacksonException e) {
            throw new Malformed("the answer is not JSON");
        }
        if (answer == null || !answer.isObject() || !MEMBERS.containsAll(answer.propertyNames())) {
            throw new Malformed("the answer must be an object of score, decision and reasons only");
        }
        JsonNode score = answer.path("score");
        if (!score.isIntegralNumber() || !score.canConvertToInt() || score.intValue() < 0 || score.intValue() > 100) {
            throw new Malformed("score must be an integer from 0 to 100");
        }
        RiskOutcome decision = ExternalEngines.outcome(answer.path("decision").isString()
                ? answer.path("decision").asString() : "").orElseThrow(() -> new Malformed(
                        "decision must be allow, step_up or deny"));
        return new ExternalEngineAnswer(score.intValue(), decision, reasons(answer.path("reasons")));
    }

    private static List<Reason> reasons(JsonNode reasons) throws Malformed {
        if (!reasons.isArray() || reasons.size() > MAX_REASONS) {
            throw new Malformed("reasons must be an array of at most " + MAX_REASONS);
        }
        List<Reason> read = new ArrayList<>();
        for (JsonNode reason : reasons) {
            JsonNode code = reason.path("code");
            JsonNode explanation = reason.path("explanation");
            if (!reason.isObject() || !REASON_MEMBERS.containsAll(reason.propertyNames()) || !code.isString()
                    || !CODE.matcher(code.asString()).matches() || !explanation.isString()
                    || explanation.asString().isBlank() || explanation.asString().length() > 200) {
                throw new Malformed("each reason must be {code: a lower-case code, explanation: 1 to 200 characters}");
            }
            read.add(new Reason(code.asString(), explanation.asString()));
        }
        return read;
    }
}
