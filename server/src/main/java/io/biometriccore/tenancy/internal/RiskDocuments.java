package io.biometriccore.tenancy.internal;

import io.biometriccore.tenancy.PolicyAction;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The policy document's {@code risk} member read into a {@link RiskPolicy} and written back. A member
 * left out takes its default; a velocity subject left out keeps its default threshold.
 */
final class RiskDocuments {

    private RiskDocuments() {
    }

    static RiskPolicy risk(JsonNode r) {
        RiskPolicy d = RiskPolicy.defaults();
        RiskPolicy.Velocity v = d.velocity();
        JsonNode velocity = r.path("velocity");
        return new RiskPolicy(r.path("stepUpAbove").asInt(d.stepUpAbove()), r.path("denyAbove").asInt(d.denyAbove()),
                r.path("stepUpAcr").asString(d.stepUpAcr()), scores(r.path("scores")), outcomes(r.path("outcomes")),
                names(r.path("disabledSignals")),
                new RiskPolicy.Velocity(velocity.has("window") ? Duration.parse(velocity.get("window").asString())
                        : v.window(), thresholds(velocity.path("failures"), v.failures()),
                        thresholds(velocity.path("attempts"), v.attempts())),
                r.path("maxTravelKmh").asInt(d.maxTravelKmh()), appIntegrity(r.path("appIntegrity")));
    }

    static ObjectNode of(RiskPolicy risk) {
        ObjectNode r = PolicyDocuments.JSON.createObjectNode();
        r.put("stepUpAbove", risk.stepUpAbove()).put("denyAbove", risk.denyAbove()).put("stepUpAcr", risk.stepUpAcr());
        r.set("scores", PolicyDocuments.JSON.valueToTree(new TreeMap<>(risk.scores())));
        ObjectNode outcomes = r.putObject("outcomes");
        new TreeMap<>(risk.outcomes()).forEach((reason, outcome) -> outcomes.put(reason, outcome.wireName()));
        r.set("disabledSignals", PolicyDocuments.JSON.valueToTree(risk.disabledSignals().stream().sorted().toList()));
        ObjectNode velocity = r.putObject("velocity").put("window", risk.velocity().window().toString());
        velocity.set("failures", thresholds(risk.velocity().failures()));
        velocity.set("attempts", thresholds(risk.velocity().attempts()));
        r.put("maxTravelKmh", risk.maxTravelKmh());
        ObjectNode appIntegrity = r.putObject("appIntegrity");
        for (PolicyAction action : PolicyAction.values()) {
            RiskOutcome outcome = risk.appIntegrity().get(action);
            if (outcome != null) {
                appIntegrity.put(action.member(), outcome.wireName());
            }
        }
        return r;
    }

    private static Map<PolicyAction, RiskOutcome> appIntegrity(JsonNode object) {
        Map<PolicyAction, RiskOutcome> outcomes = new EnumMap<>(PolicyAction.class);
        for (PolicyAction action : PolicyAction.values()) {
            JsonNode outcome = object.path(action.member());
            if (outcome.isString()) {
                outcomes.put(action, RiskOutcome.valueOf(outcome.asString().toUpperCase(Locale.ROOT)));
            }
        }
        return outcomes;
    }

    private static Map<String, Integer> scores(JsonNode object) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        object.properties().forEach(e -> scores.put(e.getKey(), e.getValue().asInt()));
        return scores;
    }

    private static Map<String, RiskOutcome> outcomes(JsonNode object) {
        Map<String, RiskOutcome> outcomes = new LinkedHashMap<>();
        object.properties().forEach(e -> outcomes.put(e.getKey(),
                RiskOutcome.valueOf(e.getValue().asString().toUpperCase(Locale.ROOT))));
        return outcomes;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        array.forEach(node -> names.add(node.asString()));
        return names;
    }

    private static Map<RiskPolicy.Subject, RiskPolicy.Threshold> thresholds(JsonNode object,
            Map<RiskPolicy.Subject, RiskPolicy.Threshold> defaults) {
        Map<RiskPolicy.Subject, RiskPolicy.Threshold> thresholds = new EnumMap<>(RiskPolicy.Subject.class);
        thresholds.putAll(defaults);
        for (RiskPolicy.Subject subject : RiskPolicy.Subject.values()) {
            JsonNode t = object.path(subject.member());
            if (t.isObject()) {
                thresholds.put(subject, new RiskPolicy.Threshold(t.path("stepUpAfter").asInt(),
                        t.path("denyAfter").asInt()));
            }
        }
        return thresholds;
    }

    private static ObjectNode thresholds(Map<RiskPolicy.Subject, RiskPolicy.Threshold> thresholds) {
        ObjectNode node = PolicyDocuments.JSON.createObjectNode();
        for (RiskPolicy.Subject subject : RiskPolicy.Subject.values()) {
            RiskPolicy.Threshold t = thresholds.get(subject);
            if (t != null) {
                node.putObject(subject.member()).put("stepUpAfter", t.stepUpAfter()).put("denyAfter", t.denyAfter());
            }
        }
        return node;
    }
}
