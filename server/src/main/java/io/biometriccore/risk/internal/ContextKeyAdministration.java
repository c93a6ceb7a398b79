package io.biometriccore.risk.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.risk.internal.ContextKeys.ContextKey;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenants;
import java.text.ParseException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administration of a tenant's context keys. Only a public EC P-256 key is taken, and only its
 * public members are kept; each change is audited in its transaction.
 */
@Component
class ContextKeyAdministration {

    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Enough for a bank's rotation (the old key, the new one) across a few channels; never a growing list. */
    static final int MAX_KEYS = 10;

    private final ContextKeys keys;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContextKeyAdministration(ContextKeys keys, Tenants tenants, ApplicationEventPublisher events, Clock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @throws ApiException {@code context_key_invalid}, {@code context_key_private}, {@code context_key_exists}
     *                      or {@code context_keys_full}
     */
    @Transactional
    ContextKey add(String tenantId, @Nullable Map<String, Object> jwk) {
        tenants.require(tenantId);
        ECKey key = publicKey(jwk);
        if (keys.atLeast(tenantId, MAX_KEYS)) {
            throw new ApiException(RiskProblem.CONTEXT_KEYS_FULL,
                    "The tenant has " + MAX_KEYS + " context keys; remove one first");
        }
        ContextKey added = new ContextKey(tenantId, key.getKeyID(), key, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (!keys.insert(added)) {
            throw new ApiException(RiskProblem.CONTEXT_KEY_EXISTS, "The tenant has a context key " + key.getKeyID());
        }
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.RISK_CONTEXT_KEY_ADDED)
                .reason(key.getKeyID()).build());
        return added;
    }

    @Transactional(readOnly = true)
    List<ContextKey> list(String tenantId) {
        tenants.require(tenantId);
        return keys.list(tenantId, MAX_KEYS);
    }

    /** Contexts it signed are refused from now on, pending ceremonies' verified ones aside. */
    @Transactional
    void remove(String tenantId, String kid) {
        tenants.require(tenantId);
        if (!keys.delete(tenantId, kid)) {
            throw new ApiException(RiskProblem.CONTEXT_KEY_NOT_FOUND, "The tenant has no context key " + kid);
        }
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.RISK_CONTEXT_KEY_REMOVED)
                .reason(kid).build());
    }

    /** The key's public members only ({@code kty}, {@code crv}, {@code x}, {@code y}, {@code kid}). */
    private static ECKey publicKey(@Nullable Map<String, Object> jwk) {
        if (jwk == null) {
            throw invalid("jwk is required");
        }
        if (jwk.containsKey("d") || jwk.containsKey("p") || jwk.containsKey("k")) {
            throw new ApiException(RiskProblem.CONTEXT_KEY_PRIVATE,
                    "jwk holds private key material; register the public key only");
        }
        JWK parsed;
        try {
            parsed = JWK.parse(jwk);
        } catch (ParseException e) {
            throw invalid("jwk is not a JWK: " + e.getMessage());
        }
        if (!(parsed instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            throw invalid("jwk must be an EC key on P-256");
        }
        if (ec.getKeyID() == null || !KID.matcher(ec.getKeyID()).matches()) {
            throw invalid("jwk.kid must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        if (ec.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(ec.getAlgorithm())) {
            throw invalid("jwk.alg must be ES256 when given");
        }
        return new ECKey.Builder(Curve.P_256, ec.getX(), ec.getY()).keyID(ec.getKeyID()).build();
    }

    private static ApiException invalid(String detail) {
        return new ApiException(RiskProblem.CONTEXT_KEY_INVALID, detail);
    }
}
