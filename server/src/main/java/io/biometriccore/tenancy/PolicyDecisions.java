package io.biometriccore.tenancy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.shared.SeparateTransactions;
import io.biometriccore.tenancy.internal.PolicyDecisionRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The decisions registration, sign-in, step-up and approval made, with the facts they were made on,
 * and the dry run of a candidate policy over them (docs/policy.md "Dry run", ADR 0041). A decision is
 * recorded in the transaction of what it decided; it is kept for the deployment's retention
 * ({@code biometric.policy.decisions.retention}, default P90D), then purged.
 */
@Service
public class PolicyDecisions {

    /** How many decisions one dry-run call reads at most; past it the answer has a cursor to go on from. */
    private static final String MAX_DECISIONS = "${biometric.policy.dry-run.max-decisions:10000}";

    private final PolicyDecisionRepository decisions;
    private final TenantPolicies policies;
    private final ApplicationEventPublisher events;
    private final SeparateTransactions separately;
    private final Clock clock;
    private final Period retention;
    private final int pageSize;
    private final int maxDecisions;

    PolicyDecisions(PolicyDecisionRepository decisions, TenantPolicies policies, ApplicationEventPublisher events,
            SeparateTransactions separately, Clock clock, @Value("${biometric.policy.decisions.retention:P90D}") Period retention,
            @Value("${biometric.policy.dry-run.page-size:500}") int pageSize, @Value(MAX_DECISIONS) int maxDecisions) {
        if (pageSize < 1 || maxDecisions < 1 || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the decisions' retention, page size and cap must be positive");
        }
        this.decisions = decisions;
        this.policies = policies;
        this.events = events;
        this.separately = separately;
        this.clock = clock;
        this.retention = retention;
        this.pageSize = pageSize;
        this.maxDecisions = maxDecisions;
    }

    /** One example of a decision the candidate would change. */
    public record Example(Instant decidedAt, String action, String outcome, String candidateOutcome,
            DecisionFacts facts) {
    }

    /**
     * What the candidate would have changed.
     *
     * @param wouldAllow  refused then, allowed by the candidate
     * @param wouldRefuse allowed or refused otherwise then, refused by the candidate, by its code
     * @param nextCursor  present when the call stopped at its cap: send it back to go on
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DryRun(int evaluated, int changed, int wouldAllow, Map<String, Integer> wouldRefuse,
            List<Example> examples, @Nullable String nextCursor) {
    }

    /** Records a decision in the caller's transaction; a refusal is recorded by {@link #recordRefusal}. */
    @Transactional
    public void record(String tenantId, PolicyAction action, String outcome, @Nullable UUID customerId,
            DecisionFacts facts) {
        Instant now = clock.instant();
        decisions.insert(new PolicyDecision(UUID.randomUUID(), tenantId, now, action, outcome, customerId, facts),
                now.plus(retention));
    }

    /**
     * Records a refusal on a transaction of its own, so that it stays when the refused action's transaction
     * rolls back, beside the failure audit, and never nested in it ({@link SeparateTransactions}: once it has
     * ended, when one is open); and only when the tenant's policy made it: {@link PolicyEvaluation}
     * on the same facts under the tenant's current policy must answer the refusal's code. So a refusal that is
     * not policy (a bad signature) or not the tenant's (user verification the client itself asked for) is not
     * recorded (ADR 0041).
     */
    public void recordRefusal(Tenant tenant, PolicyAction action, ApiException refusal, @Nullable UUID customerId,
            DecisionFacts facts) {
        String code = refusal.problem().code();
        if (PolicyEvaluation.outcome(tenant, action, facts).equals(code)) {
            separately.run("The refused " + action + " decision of tenant " + tenant.id(),
                    () -> record(tenant.id(), action, code, customerId, facts));
        }
    }

    /**
     * Evaluates {@code document} over the tenant's decisions of the last {@code days} days, oldest first.
     *
     * @throws ApiException {@code policy_invalid} as the policy {@code PUT}; {@code invalid_request} for a
     *                      cursor this API did not return
     */
    @Transactional
    public DryRun dryRun(String tenantId, JsonNode document, int days, int examples, @Nullable String cursor) {
        Tenant candidate = policies.candidate(tenantId, document);
        Instant since = clock.instant().minus(Duration.ofDays(days));
        Key after = cursor == null ? new Key(since.minusNanos(1000), new UUID(0, 0)) : Key.parse(cursor);
        Tally tally = new Tally(examples);
        List<PolicyDecision> page;
        do {
            page = decisions.page(tenantId, since, after.at(), after.id(),
                    Math.min(pageSize, maxDecisions - tally.evaluated));
            page.forEach(d -> tally.add(d, PolicyEvaluation.outcome(candidate, d.action(), d.facts())));
            after = page.isEmpty() ? after : Key.of(page.getLast());
        } while (!page.isEmpty() && tally.evaluated < maxDecisions);
        boolean more = tally.evaluated >= maxDecisions
                && !decisions.page(tenantId, since, after.at(), after.id(), 1).isEmpty();
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.POLICY_DRY_RUN)
                .reason("evaluated_" + tally.evaluated + "_changed_" + tally.changed).build());
        return new DryRun(tally.evaluated, tally.changed, tally.wouldAllow, tally.wouldRefuse,
                List.copyOf(tally.examples), more ? after.toCursor() : null);
    }

    /** A position in the index's order: (decided_at, id). */
    private record Key(Instant at, UUID id) {
        static Key of(PolicyDecision d) {
            return new Key(d.decidedAt(), d.id());
        }

        static Key parse(String cursor) {
            int tilde = cursor.indexOf('~');
            try {
                return new Key(Instant.parse(cursor.substring(0, Math.max(tilde, 0))),
                        UUID.fromString(cursor.substring(tilde + 1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new ApiException(CommonProblem.INVALID_REQUEST, "cursor is not one this API returned");
            }
        }

        String toCursor() {
            return at + "~" + id;
        }
    }

    private static final class Tally {
        private final int examplesWanted;
        private final List<Example> examples = new ArrayList<>();
        private final Map<String, Integer> wouldRefuse = new TreeMap<>();
        private int evaluated;
        private int changed;
        private int wouldAllow;

        Tally(int examplesWanted) {
            this.examplesWanted = examplesWanted;
        }

        void add(PolicyDecision d, String candidateOutcome) {
            evaluated++;
            if (candidateOutcome.equals(d.outcome())) {
                return;
            }
            changed++;
            if (candidateOutcome.equals(PolicyEvaluation.ALLOWED)) {
                wouldAllow++;
            } else {
                wouldRefuse.merge(candidateOutcome, 1, Integer::sum);
            }
            if (examples.size() < examplesWanted) {
                examples.add(new Example(d.decidedAt(), d.action().member(), d.outcome(), candidateOutcome, d.facts()));
            }
        }
    }
}
