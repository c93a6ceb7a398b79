package io.biometriccore.sessions.internal;

import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Session;
import io.biometriccore.sessions.SessionProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Whether a session is strong and fresh enough for an action (RFC 9470), and what to ask for if not. */
@Component
public class AssuranceCheck {

    private final Tenants tenants;
    private final Clock clock;

    AssuranceCheck(Tenants tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    /** @throws ApiException {@code step_up_required} naming what to ask for, or {@code acr_unknown} */
    public void require(AuthenticatedSession caller, @Nullable String acr, @Nullable Duration maxAge) {
        Session session = caller.session();
        SessionPolicy policy = tenants.require(session.tenantId()).sessions();
        if (acr != null && !policy.defines(acr)) {
            throw new ApiException(SessionProblem.ACR_UNKNOWN);
        }
        boolean levelOk = acr == null || policy.atLeast(session.acr(), acr);
        boolean fresh = maxAge == null || session.authenticatedWithin(maxAge, clock.instant());
        if (levelOk && fresh) {
            return;
        }
        throw stepUpRequired(levelOk ? session.acr() : Objects.requireNonNull(acr), maxAge, levelOk
                ? "The last authentication is too old for this action" : "This action needs a stronger authentication");
    }

    /**
     * The tenant's rule for sensitive actions (revoking a device, adding one from a session). A session
     * approved on another device fails it at any level and age: its browser may be a phisher's that
     * relayed the request (ADR 0022), and only a passkey used in that browser shows that it is not.
     */
    public void requireForSensitiveAction(AuthenticatedSession caller) {
        SessionPolicy policy = tenants.require(caller.session().tenantId()).sessions();
        if (caller.session().approvedOnAnotherDevice()) {
            throw stepUpRequired(policy.sensitiveActionAcr(), policy.sensitiveActionMaxAge(),
                    "A sign-in approved on another device must authenticate with a passkey here first");
        }
        require(caller, policy.sensitiveActionAcr(), policy.sensitiveActionMaxAge());
    }

    private static ApiException stepUpRequired(String wanted, @Nullable Duration maxAge, String detail) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("acr_values", wanted);
        StringBuilder challenge = new StringBuilder("Bearer error=\"insufficient_user_authentication\", acr_values=\"")
                .append(wanted).append('"');
        if (maxAge != null) {
            members.put("max_age", maxAge.toSeconds());
            challenge.append(", max_age=").append(maxAge.toSeconds());
        }
        return new ApiException(SessionProblem.STEP_UP_REQUIRED, detail, members,
                Map.of("WWW-Authenticate", challenge.toString()));
    }
}
