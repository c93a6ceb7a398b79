package io.biometriccore.sessions.internal;

import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.sessions.Session;
import io.biometriccore.sessions.SessionProblem;
import io.biometriccore.sessions.SignIn;
import io.biometriccore.sessions.TokenResponse;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Opening a session on a verified sign-in, and raising one on a step-up (RFC 9470). Both run in the
 * caller's transaction, under the row lock of the device's credential.
 */
@Component
public class SessionOpening {

    private final Tenants tenants;
    private final SessionRepository repository;
    private final TokenIssuance issuance;
    private final Credentials credentials;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SessionOpening(Tenants tenants, SessionRepository repository, TokenIssuance issuance, Credentials credentials,
            ApplicationEventPublisher events, Clock clock) {
        this.tenants = tenants;
        this.repository = repository;
        this.issuance = issuance;
        this.credentials = credentials;
        this.events = events;
        this.clock = clock;
    }

    public TokenResponse open(SignIn signIn) {
        return open(signIn, List.of());
    }

    /**
     * The passkey that signed is on the approving phone, not in the browser that gets the session: the
     * session counts as if signed in with a synced passkey, whatever the phone's key is, so it never
     * claims {@code hwk} nor the level of a device-bound attested key.
     */
    public TokenResponse openApprovedOnAnotherDevice(SignIn signIn) {
        SignIn asSynced = new SignIn(signIn.tenantId(), signIn.customerId(), signIn.userHandle(), signIn.deviceId(),
                signIn.userVerified(), true, false, signIn.channel(), signIn.userAgent(), signIn.requiredAcr(),
                signIn.dpopJkt(), signIn.restricted());
        return open(asSynced, List.of(Session.APPROVED_ON_ANOTHER_DEVICE));
    }

    /** @param marks {@code amr} values beyond the methods of the authentication itself */
    private TokenResponse open(SignIn signIn, List<String> marks) {
        requireDeviceActive(signIn);
        Tenant tenant = tenants.require(signIn.tenantId());
        SessionPolicy policy = tenant.sessions();
        String acr = levelReached(tenant, signIn);
        List<String> amr = new ArrayList<>(amr(signIn));
        amr.addAll(marks);
        Instant now = clock.instant();
        Instant absolute = now.plus(policy.sessionAbsoluteLifetime());
        Session session = new Session(UUID.randomUUID(), signIn.tenantId(), signIn.customerId(), signIn.userHandle(),
                signIn.deviceId(), signIn.channel(), acr, amr, now, now, now,
                TokenIssuance.earliest(now.plus(policy.sessionIdleTimeout()), absolute), absolute, signIn.userAgent(),
                null, null, signIn.dpopJkt());
        repository.insert(session);
        events.publishEvent(SessionEvents.of(session, SecurityEventType.TOKEN_ISSUED).reason(acr).build());
        return issuance.issue(session, policy, now);
    }

    public TokenResponse stepUp(UUID sessionId, SignIn signIn) {
        requireDeviceActive(signIn);
        Tenant tenant = tenants.require(signIn.tenantId());
        SessionPolicy policy = tenant.sessions();
        Instant now = clock.instant();
        Session session = repository.find(signIn.tenantId(), sessionId).filter(s -> s.activeAt(now))
                .orElseThrow(() -> new ApiException(SessionProblem.SESSION_INACTIVE));
        if (!session.customerId().equals(signIn.customerId())) {
            // The step-up ceremony is started for the session's customer and bound to them
            // (credential_user_mismatch): another customer here is a bug, never a client's error.
            throw new IllegalStateException("step-up of session " + sessionId + " by another customer");
        }
        // The level this step-up reached, even below the session's: a fresh auth_time must not vouch for an
        // older, stronger authentication, or a weaker passkey would pass what needs the stronger one.
        String acr = levelReached(tenant, signIn);
        Instant idle = TokenIssuance.earliest(now.plus(policy.sessionIdleTimeout()), session.absoluteExpiresAt());
        repository.recordStepUp(signIn.tenantId(), sessionId, acr, amr(signIn), now, idle);
        repository.revokeRefreshTokens(signIn.tenantId(), sessionId);
        Session stepped = repository.find(signIn.tenantId(), sessionId).orElseThrow();
        events.publishEvent(SessionEvents.of(stepped, SecurityEventType.TOKEN_ISSUED).reason("step_up:" + acr).build());
        return issuance.issue(stepped, policy, now);
    }

    /** A restricted sign-in (a flagged credential, ADR 0040) reaches the weakest level at most. */
    private String levelReached(Tenant tenant, SignIn signIn) {
        SessionPolicy policy = tenant.sessions();
        Optional<String> reached = policy.levelReached(signIn.userVerified(), !signIn.deviceBound(),
                signIn.trustedAttestation(), tenant.rules().syncedMaxLevel())
                .map(level -> signIn.restricted() ? policy.assuranceLevels().getFirst().name() : level);
        String required = signIn.requiredAcr();
        if (required != null && !policy.defines(required)) {
            throw new ApiException(SessionProblem.ACR_UNKNOWN);
        }
        if (reached.isEmpty() || (required != null && !policy.atLeast(reached.get(), required))) {
            events.publishEvent(SecurityEvent.failure(signIn.tenantId(), SecurityEventType.AUTHENTICATION_FAILED,
                    SessionProblem.ACR_NOT_MET.code()).customer(signIn.customerId()).device(signIn.deviceId())
                    .channel(signIn.channel().wireName()).build());
            throw reached.map(r -> new ApiException(SessionProblem.ACR_NOT_MET,
                    "The authentication did not reach the requested level",
                    Map.<String, Object>of("acr", r, "acr_values", Objects.requireNonNull(required)), Map.of()))
                    .orElseGet(() -> new ApiException(SessionProblem.ACR_NOT_MET,
                            "The authentication reached none of the tenant's assurance levels"));
        }
        return reached.get();
    }

    /**
     * The device may have been suspended, revoked or deleted since its assertion verified. Its row is
     * locked until this transaction ends, so a concurrent change either shows here or waits for the
     * new session and then ends it.
     */
    private void requireDeviceActive(SignIn signIn) {
        CredentialStatus status = credentials.lockStatus(signIn.tenantId(), signIn.deviceId())
                .orElse(CredentialStatus.REVOKED);
        RiskProblem.refusing(status).ifPresent(problem -> {
            throw new ApiException(problem);
        });
    }

    /**
     * RFC 8176: {@code hwk} for a device-bound key with trusted hardware attestation, else {@code swk};
     * {@code user} and {@code mfa} when the authenticator verified the user (WebAuthn does not say
     * whether by biometric or PIN, so neither {@code fpt} nor {@code pin} is claimed).
     */
    private static List<String> amr(SignIn signIn) {
        List<String> amr = new ArrayList<>();
        amr.add(signIn.deviceBound() && signIn.trustedAttestation() ? "hwk" : "swk");
        if (signIn.userVerified()) {
            amr.add("user");
            amr.add("mfa");
        }
        return amr;
    }
}
