package io.biometriccore.tenancy.internal;

import io.biometriccore.tenancy.AttestationConveyance;
import io.biometriccore.tenancy.CoseAlgorithm;
import io.biometriccore.tenancy.FlaggedAuthenticators;
import io.biometriccore.tenancy.PolicyAction;
import io.biometriccore.tenancy.PolicyRules;
import io.biometriccore.tenancy.Requirement;
import io.biometriccore.tenancy.RiskPolicy;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.SigningPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A policy document (api/policy.schema.json) read into a tenant's {@link TenantPolicy}, step-up
 * members of its {@link SessionPolicy}, {@link SigningPolicy} and {@link PolicyRules}, and written
 * back from them. A member left out takes its default. The schema has checked the shapes; what it
 * cannot check (a level the tenant defines, a currency ISO 4217 knows) fails here, naming the member.
 */
public final class PolicyDocuments {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The members the tenant {@code PUT} writes, as JSON pointers: those its {@code policy}, {@code signing}
     * and {@code sessions} stand for.
     */
    public static final List<String> SHORTCUT_MEMBERS = List.of("/authenticators/attestationFormats",
            "/authenticators/allowNone", "/authenticators/allowSelf",
            "/authenticators/trustedAttestationRequired/register", "/authenticators/statusDeny",
            "/authenticators/flagged",
            "/userVerification/register", "/userVerification/signIn", "/userVerification/stepUp", "/registration",
            "/transactionSigning/deviceBoundAbove", "/transactionSigning/spcMerchantOrigins",
            "/transactionSigning/evidenceRetention", "/stepUp");

    private PolicyDocuments() {
    }

    /** A member the document got wrong, by its JSON pointer. */
    public record Violation(String pointer, String message) {
    }

    /** @throws Invalid naming the member at fault */
    public static Tenant apply(Tenant base, JsonNode document) {
        TenantPolicy policy = member("/registration", () -> tenantPolicy(document));
        SigningPolicy signing = member("/transactionSigning", () -> signing(document));
        SessionPolicy sessions = member("/stepUp", () -> sessions(base.sessions(), document));
        RiskPolicy risk = member("/risk", () -> RiskDocuments.risk(document.path("risk")));
        PolicyRules rules = member("/authenticators", () -> rules(document, risk));
        return base.withPolicy(policy, sessions, signing, rules);
    }

    /** The whole document of what {@code tenant}'s policy is. */
    public static ObjectNode of(Tenant tenant) {
        TenantPolicy p = tenant.policy();
        PolicyRules r = tenant.rules();
        ObjectNode doc = JSON.createObjectNode();
        ObjectNode authenticators = doc.putObject("authenticators");
        if (r.aaguidAllow() != null) {
            authenticators.set("aaguidAllow", JSON.valueToTree(sorted(r.aaguidAllow(), UUID::toString)));
        }
        authenticators.set("aaguidDeny", JSON.valueToTree(sorted(r.aaguidDeny(), UUID::toString)));
        authenticators.set("attestationFormats", JSON.valueToTree(sorted(p.acceptedAttestationFormats(), s -> s)));
        authenticators.put("allowNone", p.allowNoneAttestation());
        authenticators.put("allowSelf", p.allowSelfAttestation());
        ObjectNode trusted = authenticators.putObject("trustedAttestationRequired");
        trusted.put("register", p.requireTrustedAttestation());
        for (PolicyAction a : List.of(PolicyAction.SIGN_IN, PolicyAction.STEP_UP, PolicyAction.APPROVE_TRANSACTION)) {
            trusted.put(a.member(), r.requiresTrustedAttestation(a));
        }
        authenticators.set("statusDeny", JSON.valueToTree(sorted(p.statusDeny(), s -> s)));
        ObjectNode statusApplies = authenticators.putObject("statusDenyAppliesTo");
        for (PolicyAction a : List.of(PolicyAction.SIGN_IN, PolicyAction.STEP_UP, PolicyAction.APPROVE_TRANSACTION)) {
            statusApplies.put(a.member(), r.appliesStatusDeny(a));
        }
        authenticators.set("flagged", JSON.valueToTree(p.flaggedAuthenticators()));
        ObjectNode uv = doc.putObject("userVerification");
        for (PolicyAction a : PolicyAction.values()) {
            uv.put(a.member(), r.userVerification(a).webAuthnValue());
        }
        ObjectNode registration = doc.putObject("registration");
        registration.put("residentKey", p.residentKey().webAuthnValue());
        registration.set("attestation", JSON.valueToTree(p.attestation()));
        registration.set("algorithms", JSON.valueToTree(p.allowedAlgorithms()));
        registration.put("challengeTimeout", p.challengeTimeout().toString());
        doc.putObject("assurance").put("syncedMaxLevel", r.syncedMaxLevel());
        doc.putObject("stepUp").put("sensitiveActionMaxAge", tenant.sessions().sensitiveActionMaxAge().toString())
                .put("sensitiveActionAcr", tenant.sessions().sensitiveActionAcr());
        ObjectNode signing = doc.putObject("transactionSigning");
        signing.set("deviceBoundAbove", JSON.valueToTree(new TreeMap<>(tenant.signing().deviceBoundAbove())));
        signing.set("trustedAttestationAbove", JSON.valueToTree(new TreeMap<>(r.trustedAttestationAbove())));
        signing.set("spcMerchantOrigins", JSON.valueToTree(tenant.signing().spcMerchantOrigins()));
        signing.put("evidenceRetention", tenant.signing().evidenceRetention().toString());
        doc.set("risk", RiskDocuments.of(r.risk()));
        return doc;
    }

    /** {@code current} with the members at {@code pointers} taken from {@code replacement}. */
    public static ObjectNode merge(JsonNode current, JsonNode replacement, List<String> pointers) {
        ObjectNode merged = (ObjectNode) current.deepCopy();
        for (String pointer : pointers) {
            JsonNode value = replacement.at(pointer);
            String parent = pointer.substring(0, pointer.lastIndexOf('/'));
            ObjectNode target = merged;
            for (String name : parent.isEmpty() ? new String[0] : parent.substring(1).split("/")) {
                target = target.has(name) ? (ObjectNode) target.get(name) : target.putObject(name);
            }
            String name = pointer.substring(pointer.lastIndexOf('/') + 1);
            if (value.isMissingNode()) {
                target.remove(name);
            } else {
                target.set(name, value.deepCopy());
            }
        }
        return merged;
    }

    private static TenantPolicy tenantPolicy(JsonNode doc) {
        TenantPolicy d = TenantPolicy.defaults();
        JsonNode a = doc.path("authenticators");
        JsonNode r = doc.path("registration");
        return new TenantPolicy(requirement(doc.at("/userVerification/signIn"), d.userVerification()),
                requirement(r.path("residentKey"), d.residentKey()),
                r.has("attestation") ? AttestationConveyance.fromWebAuthnValue(r.get("attestation").asString()) : d.attestation(),
                a.has("attestationFormats") ? strings(a.get("attestationFormats")) : d.acceptedAttestationFormats(),
                a.path("allowNone").asBoolean(false), a.path("allowSelf").asBoolean(false),
                a.at("/trustedAttestationRequired/register").asBoolean(false),
                r.has("algorithms") ? strings(r.get("algorithms"), CoseAlgorithm::fromJson) : d.allowedAlgorithms(),
                r.has("challengeTimeout") ? Duration.parse(r.get("challengeTimeout").asString()) : d.challengeTimeout(),
                a.has("statusDeny") ? strings(a.get("statusDeny")) : d.statusDeny(),
                a.has("flagged") ? JSON.treeToValue(a.get("flagged"), FlaggedAuthenticators.class)
                        : d.flaggedAuthenticators());
    }

    private static SigningPolicy signing(JsonNode doc) {
        JsonNode s = doc.path("transactionSigning");
        return SigningPolicy.withDefaults(s.has("deviceBoundAbove") ? amounts(s.get("deviceBoundAbove")) : null,
                s.has("spcMerchantOrigins") ? strings(s.get("spcMerchantOrigins"), o -> o) : null,
                s.has("evidenceRetention") ? Period.parse(s.get("evidenceRetention").asString()) : null);
    }

    private static SessionPolicy sessions(SessionPolicy base, JsonNode doc) {
        JsonNode s = doc.path("stepUp");
        SessionPolicy d = SessionPolicy.defaults();
        return new SessionPolicy(base.accessTokenLifetime(), base.sessionIdleTimeout(), base.sessionAbsoluteLifetime(),
                base.enrollmentGrantLifetime(), s.has("sensitiveActionMaxAge")
                        ? Duration.parse(s.get("sensitiveActionMaxAge").asString()) : d.sensitiveActionMaxAge(),
                s.path("sensitiveActionAcr").asString(d.sensitiveActionAcr()), base.assuranceLevels());
    }

    private static PolicyRules rules(JsonNode doc, RiskPolicy risk) {
        JsonNode a = doc.path("authenticators");
        Map<PolicyAction, Requirement> uv = new EnumMap<>(PolicyAction.class);
        Set<PolicyAction> trusted = EnumSet.noneOf(PolicyAction.class);
        Set<PolicyAction> statusApplies = EnumSet.noneOf(PolicyAction.class);
        for (PolicyAction action : PolicyAction.values()) {
            uv.put(action, requirement(doc.path("userVerification").path(action.member()), Requirement.REQUIRED));
            if (a.path("trustedAttestationRequired").path(action.member()).asBoolean(false)) {
                trusted.add(action);
            }
            if (a.path("statusDenyAppliesTo").path(action.member()).asBoolean(false)) {
                statusApplies.add(action);
            }
        }
        return new PolicyRules(a.has("aaguidAllow") ? Set.copyOf(strings(a.get("aaguidAllow"), UUID::fromString)) : null,
                a.has("aaguidDeny") ? Set.copyOf(strings(a.get("aaguidDeny"), UUID::fromString)) : Set.of(), uv,
                trusted, statusApplies, doc.at("/assurance/syncedMaxLevel").asString("aal2"),
                doc.at("/transactionSigning/trustedAttestationAbove").isObject()
                        ? amounts(doc.at("/transactionSigning/trustedAttestationAbove")) : Map.of(), risk);
    }

    private static <T> T member(String pointer, Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            throw new Invalid(List.of(new Violation(pointer, String.valueOf(e.getMessage()))));
        }
    }

    private static Requirement requirement(JsonNode node, Requirement fallback) {
        return node.isString() ? Requirement.fromWebAuthnValue(node.asString()) : fallback;
    }

    private static Set<String> strings(JsonNode array) {
        return new LinkedHashSet<>(strings(array, s -> s));
    }

    private static <T> List<T> strings(JsonNode array, Function<String, T> parse) {
        List<T> values = new ArrayList<>();
        array.forEach(node -> values.add(parse.apply(node.asString())));
        return values;
    }

    private static Map<String, Long> amounts(JsonNode object) {
        Map<String, Long> amounts = new LinkedHashMap<>();
        object.properties().forEach(e -> amounts.put(e.getKey(), e.getValue().asLong()));
        return amounts;
    }

    private static <T> List<String> sorted(Set<T> values, Function<T, String> name) {
        return values.stream().map(name).sorted().toList();
    }

    /** A document the schema or the tenant's other settings refuse: each violation names its member. */
    public static final class Invalid extends RuntimeException {

        private final List<Violation> violations;

        public Invalid(List<Violation> violations) {
            super(violations.isEmpty() ? "invalid" : violations.getFirst().pointer() + ": " + violations.getFirst().message());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }
}
