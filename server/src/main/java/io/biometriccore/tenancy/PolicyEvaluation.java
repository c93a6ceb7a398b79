package io.biometriccore.tenancy;

import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A tenant's policy applied to the stored facts of a decision, without a ceremony (docs/policy.md
 * "Dry run"): the outcome the policy gives, {@value #ALLOWED} or the refusal's problem code. Each rule
 * is decided by the same {@link PolicyRules}, {@link TenantPolicy} and {@link SigningPolicy} predicates
 * the live steps call, in the live steps' order, so a rule has one implementation: the live steps
 * throw where a rule here answers its code. Facts a ceremony checks before the policy (signatures,
 * challenges, counters) are not policy and are not re-evaluated.
 */
public final class PolicyEvaluation {

    /** The outcome of a decision the policy allowed. */
    public static final String ALLOWED = "allowed";

    private record Rule(String code, Predicate<Decision> refuses) {
    }

    private record Decision(Tenant tenant, PolicyAction action, DecisionFacts facts) {
        boolean registering() {
            return action == PolicyAction.REGISTER;
        }
    }

    /** In the order of §7.1 and §7.2's steps and ours (RegistrationSteps, AuthenticationVerifier, ApprovalSteps). */
    private static final List<Rule> RULES = List.of(
            new Rule("user_verification_required", d -> !d.facts().userVerified()
                    && d.tenant().rules().userVerification(d.action()) == Requirement.REQUIRED),
            new Rule("attestation_format_not_allowed", d -> d.registering()
                    && !d.tenant().policy().acceptedAttestationFormats().contains(d.facts().format())),
            new Rule("attestation_none_not_allowed", d -> d.registering() && d.facts().trust().equals("none")
                    && !d.tenant().policy().allowNoneAttestation()),
            new Rule("attestation_self_not_allowed", d -> d.registering() && d.facts().trust().equals("self")
                    && !d.tenant().policy().allowSelfAttestation()),
            new Rule("attestation_untrusted", d -> !trusted(d) && (d.registering()
                    ? d.tenant().policy().requireTrustedAttestation()
                    : d.tenant().rules().requiresTrustedAttestation(d.action()))),
            new Rule("authenticator_denied", d -> d.registering() && d.tenant().rules().denies(d.facts().aaguid())),
            new Rule("authenticator_not_allowed", d -> d.registering()
                    && !d.tenant().rules().allows(d.facts().aaguid())),
            new Rule("authenticator_status_denied", d -> (d.registering() || d.tenant().rules()
                    .appliesStatusDeny(d.action())) && !statusDenied(d).isEmpty()),
            new Rule("signing_policy_device_bound_required", d -> approving(d) && !d.facts().deviceBound()
                    && d.tenant().signing().requiresDeviceBound(d.facts().currency(), d.facts().amountMinor())),
            new Rule("signing_policy_trusted_attestation_required", d -> approving(d)
                    && (!d.facts().deviceBound() || !trusted(d))
                    && d.tenant().rules().requiresTrustedAttestation(d.facts().currency(), d.facts().amountMinor())));

    private PolicyEvaluation() {
    }

    /** {@value #ALLOWED}, or the code of the first rule of {@code tenant}'s policy that refuses the decision. */
    public static String outcome(Tenant tenant, PolicyAction action, DecisionFacts facts) {
        Decision decision = new Decision(tenant, action, facts);
        return RULES.stream().filter(rule -> rule.refuses().test(decision)).map(Rule::code).findFirst()
                .orElse(ALLOWED);
    }

    /** The codes this evaluator can answer, for the test that binds them to the live steps' problem codes. */
    static List<String> codes() {
        return RULES.stream().map(Rule::code).toList();
    }

    private static boolean trusted(Decision d) {
        return d.facts().trust().equals("trusted");
    }

    private static boolean approving(Decision d) {
        return d.action() == PolicyAction.APPROVE_TRANSACTION && d.facts().amountMinor() != null;
    }

    private static TreeSet<String> statusDenied(Decision d) {
        TreeSet<String> denied = new TreeSet<>(d.facts().statuses());
        denied.retainAll(d.tenant().policy().statusDeny());
        return denied;
    }
}
