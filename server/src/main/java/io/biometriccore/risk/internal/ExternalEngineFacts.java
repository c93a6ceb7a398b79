package io.biometriccore.risk.internal;

import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.DevicePosture;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.tenancy.DecisionFacts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body an external engine is sent (docs/risk.md "The external engine's contract"): the attempt's
 * facts, in a fixed order, absent members as {@code null}. No IP address in clear: the client's network
 * ({@link Place#network()}, an ASN or the /24 or /48 prefix) stands for it. No credential material:
 * the credential's id only, which the bank may read through its API anyway.
 */
final class ExternalEngineFacts {

    private ExternalEngineFacts() {
    }

    static String render(RiskAttempt attempt, JsonMapper json) {
        Map<String, @Nullable Object> facts = new LinkedHashMap<>();
        facts.put("tenantId", attempt.tenantId());
        facts.put("action", attempt.action().wireName());
        facts.put("at", attempt.at().toString());
        facts.put("customerId", attempt.customerId() == null ? null : attempt.customerId().toString());
        facts.put("credentialId", attempt.credential() == null ? null
                : Base64Url.encode(attempt.credential().credentialId()));
        facts.put("signCount", attempt.signCount());
        facts.put("authenticator", authenticator(attempt.authenticator()));
        facts.put("amount", amount(attempt.authenticator()));
        facts.put("userAgent", attempt.userAgent());
        facts.put("place", place(attempt.place()));
        facts.put("requesterPlace", attempt.requesterPlace() == null ? null : place(attempt.requesterPlace()));
        facts.put("posture", attempt.posture() == null ? null : posture(attempt.posture()));
        facts.put("history", history(attempt));
        return json.writeValueAsString(facts);
    }

    private static Map<String, Object> authenticator(DecisionFacts facts) {
        Map<String, Object> authenticator = new LinkedHashMap<>();
        authenticator.put("aaguid", facts.aaguid().toString());
        authenticator.put("format", facts.format());
        authenticator.put("trust", facts.trust());
        authenticator.put("userVerified", facts.userVerified());
        authenticator.put("backupEligible", facts.backupEligible());
        authenticator.put("backupState", facts.backupState());
        authenticator.put("deviceBound", facts.deviceBound());
        authenticator.put("statuses", facts.statuses().stream().sorted().toList());
        return authenticator;
    }

    private static @Nullable Map<String, Object> amount(DecisionFacts facts) {
        return facts.amountMinor() == null ? null
                : Map.of("minorUnits", facts.amountMinor(), "currency", Objects.requireNonNull(facts.currency()));
    }

    private static Map<String, @Nullable Object> place(Place place) {
        Map<String, @Nullable Object> wire = new LinkedHashMap<>();
        wire.put("source", place.source().wireName());
        wire.put("country", place.country());
        wire.put("network", place.network());
        wire.put("latitude", place.coordinates() == null ? null : place.coordinates().latitude());
        wire.put("longitude", place.coordinates() == null ? null : place.coordinates().longitude());
        return wire;
    }

    private static Map<String, @Nullable Object> posture(DevicePosture posture) {
        Map<String, @Nullable Object> wire = new LinkedHashMap<>();
        wire.put("trust", posture.trust().wireName());
        wire.put("rooted", posture.rooted());
        wire.put("emulator", posture.emulator());
        wire.put("osVersion", posture.osVersion());
        return wire;
    }

    /** What the history says of this attempt, not the history itself: the engine keeps its own. */
    private static Map<String, @Nullable Object> history(RiskAttempt attempt) {
        CustomerHistory history = attempt.history();
        Place place = attempt.place();
        Map<String, @Nullable Object> wire = new LinkedHashMap<>();
        wire.put("successes", history.successes());
        wire.put("lastAt", history.lastAt() == null ? null : history.lastAt().toString());
        wire.put("lastCountry", history.lastPlace() == null ? null : history.lastPlace().country());
        wire.put("knownNetwork", place.network() != null && history.networks().contains(place.network()));
        wire.put("knownCountry", place.country() != null && history.countries().contains(place.country()));
        wire.put("knownCredential", attempt.credential() != null
                && history.credentials().contains(Base64Url.encode(attempt.credential().credentialId())));
        return wire;
    }
}
