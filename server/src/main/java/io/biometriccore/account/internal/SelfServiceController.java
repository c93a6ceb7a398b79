package io.biometriccore.account.internal;

import io.biometriccore.ceremonies.EnrollmentGrant;
import io.biometriccore.ceremonies.EnrollmentGrants;
import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.credentials.DeviceDetails;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.RevocationReason;
import io.biometriccore.sessions.Session;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.ClientApi;
import io.biometriccore.shared.CommonProblem;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a signed-in customer can do for themselves. The caller is always the token's own customer:
 * no handler takes a customer id from the request.
 */
@ClientApi
@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}/me", produces = MediaType.APPLICATION_JSON_VALUE)
class SelfServiceController {

    /** Ten years: any longer max_age means "no limit" and would overflow time arithmetic. */
    private static final long MAX_AGE_LIMIT = 315_360_000L;

    private final Sessions sessions;
    private final Credentials credentials;
    private final EnrollmentGrants grants;

    SelfServiceController(Sessions sessions, Credentials credentials, EnrollmentGrants grants) {
        this.sessions = sessions;
        this.credentials = credentials;
        this.grants = grants;
    }

    /** A session in the customer's list; {@code current} marks the caller's own. */
    record SessionView(Session session, boolean current) {
    }

    record Rename(@Nullable String name) {
    }

    record Revoked(int revoked) {
    }

    /**
     * The caller's session. With {@code acr_values} and/or {@code max_age} (seconds) it is a step-up
     * check (RFC 9470): {@code step_up_required} says what the client must ask for.
     */
    @GetMapping("/session")
    Session session(AuthenticatedSession caller,
            @RequestParam(name = "acr_values", required = false) @Nullable String acrValues,
            @RequestParam(name = "max_age", required = false) @Nullable Long maxAge) {
        if (maxAge != null && (maxAge < 0 || maxAge > MAX_AGE_LIMIT)) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "max_age must be 0 to " + MAX_AGE_LIMIT + " seconds");
        }
        sessions.requireAssurance(caller, acrValues, maxAge == null ? null : Duration.ofSeconds(maxAge));
        return caller.session();
    }

    @GetMapping("/sessions")
    List<SessionView> sessions(AuthenticatedSession caller) {
        Session own = caller.session();
        return sessions.listActive(own.tenantId(), own.customerId()).stream()
                .map(s -> new SessionView(s, s.id().equals(own.id()))).toList();
    }

    /** Sign out everywhere, this session included. */
    @PostMapping("/sessions/revoke-all")
    Revoked signOutEverywhere(AuthenticatedSession caller) {
        Session own = caller.session();
        return new Revoked(sessions.revokeForCustomer(own.tenantId(), own.customerId(),
                RevocationReason.SIGNED_OUT_EVERYWHERE));
    }

    @GetMapping("/devices")
    List<DeviceDetails> devices(AuthenticatedSession caller) {
        return credentials.devices(caller.session().tenantId(), caller.session().customerId());
    }

    @PatchMapping(path = "/devices/{deviceId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    DeviceDetails rename(AuthenticatedSession caller, @PathVariable UUID deviceId, @RequestBody Rename body) {
        Session own = caller.session();
        return credentials.rename(own.tenantId(), own.customerId(), deviceId, body.name() == null ? "" : body.name());
    }

    /** Needs the tenant's sensitive-action level and freshness; ends the device's sessions. */
    @PostMapping("/devices/{deviceId}/revoke")
    DeviceDetails revoke(AuthenticatedSession caller, @PathVariable UUID deviceId) {
        sessions.requireSensitiveActionAssurance(caller);
        Session own = caller.session();
        return credentials.changeStatus(own.tenantId(), own.customerId(), deviceId, CredentialStatus.REVOKED);
    }

    /** Add a device: a grant the new device redeems in the registration ceremony. Needs step-up. */
    @PostMapping("/enrollment-grants")
    ResponseEntity<EnrollmentGrant> addDevice(AuthenticatedSession caller) {
        sessions.requireSensitiveActionAssurance(caller);
        Session own = caller.session();
        EnrollmentGrant grant = grants.issue(own.tenantId(), own.customerId(), "session:" + own.id());
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore()).body(grant);
    }
}
