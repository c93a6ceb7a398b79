package io.biometriccore.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.tenancy.AssuranceLevel;
import io.biometriccore.tenancy.AttestationConveyance;
import io.biometriccore.tenancy.CoseAlgorithm;
import io.biometriccore.tenancy.PolicyAction;
import io.biometriccore.tenancy.Requirement;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import io.biometriccore.tenancy.RetentionPolicy;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.SigningPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PolicyDocumentsTests {

    private final PolicySchema schema = new PolicySchema();

    private static Tenant tenant(TenantPolicy policy, SessionPolicy sessions, SigningPolicy signing) {
        return new Tenant("bank", "bank.example", "Bank", List.of("https://bank.example"), false, false, policy,
                sessions, RetentionPolicy.defaults(), io.biometriccore.tenancy.RateLimits.defaults(), List.of(), signing);
    }

    private static Tenant unusual() {
        TenantPolicy policy = new TenantPolicy(Requirement.PREFERRED, Requirement.REQUIRED, AttestationConveyance.NONE,
                Set.of("packed", "none"), true, true, true, List.of(CoseAlgorithm.RS256, CoseAlgorithm.ES256),
                Duration.ofSeconds(90), Set.of());
        SessionPolicy sessions = SessionPolicy.withDefaults(null, null, null, null, Duration.ofHours(2), "gold",
                List.of(new AssuranceLevel("silver", true, false, false), new AssuranceLevel("gold", true, true, true)));
        return tenant(policy, sessions, new SigningPolicy(Map.of("EUR", 100000L, "JPY", 5000L),
                List.of("https://shop.example"), Period.ofYears(7)));
    }

    @Test
    void aTenantsDocumentReadsBackAsTheSameTenant() {
        Tenant defaults = tenant(TenantPolicy.defaults(), SessionPolicy.defaults(), SigningPolicy.defaults());

        assertThat(PolicyDocuments.apply(defaults, PolicyDocuments.of(defaults))).isEqualTo(defaults);
        assertThat(PolicyDocuments.apply(unusual(), PolicyDocuments.of(unusual()))).isEqualTo(unusual());
    }

    @Test
    void aTenantsDocumentIsValidAgainstTheSchema() {
        schema.requireValid(PolicyDocuments.of(unusual()));
        schema.requireValid(PolicyDocuments.of(tenant(TenantPolicy.defaults(), SessionPolicy.defaults(),
                SigningPolicy.defaults())));
    }

    @Test
    void anEmptyDocumentIsTheDefaults() {
        Tenant base = tenant(TenantPolicy.defaults(), SessionPolicy.defaults(), SigningPolicy.defaults());
        Tenant applied = PolicyDocuments.apply(base, PolicyDocuments.JSON.createObjectNode());

        assertThat(applied).isEqualTo(base);
        assertThat(applied.rules().userVerification(PolicyAction.SIGN_IN)).isEqualTo(Requirement.REQUIRED);
        assertThat(applied.rules().aaguidAllow()).isNull();
    }

    @Test
    void theTenantPutsMembersReplaceTheirsAndKeepTheRest() {
        JsonNode current = PolicyDocuments.JSON.readTree("""
                {"authenticators": {"aaguidDeny": ["5f3e8b2a-9c41-4d7e-b6a0-1c2d3e4f5a6b"], "allowNone": false},
                 "risk": {"denyAbove": 80}}""");

        JsonNode merged = PolicyDocuments.merge(current, PolicyDocuments.of(unusual()), PolicyDocuments.SHORTCUT_MEMBERS);

        assertThat(merged.at("/authenticators/aaguidDeny/0").asString()).isEqualTo("5f3e8b2a-9c41-4d7e-b6a0-1c2d3e4f5a6b");
        assertThat(merged.at("/authenticators/allowNone").asBoolean()).isTrue();
        assertThat(merged.at("/risk/denyAbove").asInt()).isEqualTo(80);
        assertThat(merged.at("/stepUp/sensitiveActionAcr").asString()).isEqualTo("gold");
    }

    @Test
    void refusesAnUnknownLevelNamingTheSection() {
        assertThatThrownBy(() -> PolicyDocuments.apply(unusual(), PolicyDocuments.JSON.readTree(
                "{\"stepUp\": {\"sensitiveActionAcr\": \"aal9\"}}"))).isInstanceOfSatisfying(PolicyDocuments.Invalid.class,
                        e -> assertThat(e.violations()).extracting(PolicyDocuments.Violation::pointer).containsExactly("/stepUp"));
    }

    @Test
    void theRiskMemberReadsIntoTheRiskPolicyAndBackKeepingTheVelocitySubjectsItLeavesOut() {
        JsonNode document = PolicyDocuments.JSON.readTree("""
                {"risk": {"stepUpAbove": 50, "denyAbove": 85, "stepUpAcr": "aal3",
                          "scores": {"new_country": 45}, "outcomes": {"device_rooted": "deny", "new_network": "allow"},
                          "disabledSignals": ["time_of_day"], "maxTravelKmh": 900,
                          "velocity": {"window": "PT30M", "failures": {"customer": {"stepUpAfter": 2, "denyAfter": 4}}}}}""");
        schema.requireValid(document);
        Tenant base = tenant(TenantPolicy.defaults(), SessionPolicy.defaults(), SigningPolicy.defaults());

        Tenant applied = PolicyDocuments.apply(base, document);
        RiskPolicy risk = applied.rules().risk();

        assertThat(risk.stepUpAbove()).isEqualTo(50);
        assertThat(risk.outcomeOf(86)).isEqualTo(RiskOutcome.DENY);
        assertThat(risk.stepUpAcr()).isEqualTo("aal3");
        assertThat(risk.scores()).containsEntry("new_country", 45);
        assertThat(risk.outcomes()).containsEntry("device_rooted", RiskOutcome.DENY)
                .containsEntry("new_network", RiskOutcome.ALLOW);
        assertThat(risk.disabledSignals()).containsExactly("time_of_day");
        assertThat(risk.velocity().window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(risk.velocity().failures().get(RiskPolicy.Subject.CUSTOMER))
                .isEqualTo(new RiskPolicy.Threshold(2, 4));
        assertThat(risk.velocity().failures().get(RiskPolicy.Subject.IP))
                .isEqualTo(RiskPolicy.Velocity.defaults().failures().get(RiskPolicy.Subject.IP));
        assertThat(PolicyDocuments.apply(base, PolicyDocuments.of(applied))).isEqualTo(applied);
        schema.requireValid(PolicyDocuments.of(applied));
    }

    @Test
    void refusesAClaimedPosturesReasonAsAnOutcomeNamingTheRiskMember() {
        Tenant base = tenant(TenantPolicy.defaults(), SessionPolicy.defaults(), SigningPolicy.defaults());

        assertThatThrownBy(() -> PolicyDocuments.apply(base, PolicyDocuments.JSON.readTree(
                "{\"risk\": {\"outcomes\": {\"device_rooted_claimed\": \"deny\"}}}")))
                .isInstanceOfSatisfying(PolicyDocuments.Invalid.class, e -> assertThat(e.violations())
                        .extracting(PolicyDocuments.Violation::pointer).containsExactly("/risk"));
    }

    @Test
    void theAppIntegrityMemberReadsIntoAnOutcomePerActionAndBackLeavingTheOthersAllowed() {
        JsonNode document = PolicyDocuments.JSON.readTree("""
                {"risk": {"appIntegrity": {"signIn": "step_up", "approveTransaction": "deny"}}}""");
        schema.requireValid(document);
        Tenant base = tenant(TenantPolicy.defaults(), SessionPolicy.defaults(), SigningPolicy.defaults());

        Tenant applied = PolicyDocuments.apply(base, document);
        RiskPolicy risk = applied.rules().risk();

        assertThat(risk.appIntegrityOf(PolicyAction.SIGN_IN)).isEqualTo(RiskOutcome.STEP_UP);
        assertThat(risk.appIntegrityOf(PolicyAction.APPROVE_TRANSACTION)).isEqualTo(RiskOutcome.DENY);
        assertThat(risk.appIntegrityOf(PolicyAction.STEP_UP)).isEqualTo(RiskOutcome.ALLOW);
        assertThat(PolicyDocuments.apply(base, PolicyDocuments.of(applied))).isEqualTo(applied);
        schema.requireValid(PolicyDocuments.of(applied));
    }

    @Test
    void refusesAnAppIntegrityOutcomeForRegistrationWhichHasNoDeviceYet() {
        Tenant base = tenant(TenantPolicy.defaults(), SessionPolicy.defaults(), SigningPolicy.defaults());

        assertThatThrownBy(() -> PolicyDocuments.apply(base, PolicyDocuments.JSON.readTree(
                "{\"risk\": {\"appIntegrity\": {\"register\": \"deny\"}}}")))
                .isInstanceOfSatisfying(PolicyDocuments.Invalid.class, e -> assertThat(e.violations())
                        .extracting(PolicyDocuments.Violation::pointer).containsExactly("/risk"));
    }
}
