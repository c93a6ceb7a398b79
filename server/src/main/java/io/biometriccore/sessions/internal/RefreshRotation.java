package io.biometriccore.sessions.internal;

import io.biometriccore.sessions.DPoPProof;
import io.biometriccore.sessions.RevocationReason;
import io.biometriccore.sessions.Session;
import io.biometriccore.sessions.SessionProblem;
import io.biometriccore.sessions.TokenResponse;
import io.biometriccore.sessions.internal.SessionRepository.RefreshStatus;
import io.biometriccore.sessions.internal.SessionRepository.RefreshToken;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Secrets;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.sessions.VerifiedProof;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotating a refresh token. A token that was already rotated is a reuse: the whole family (the
 * session) is revoked, and that revocation commits even though the call fails. The refresh token of a
 * DPoP-bound session needs a proof by the session's key (RFC 9449 §5).
 */
@Component
public class RefreshRotation {

    /** What one rotation came to: new tokens, or the reason there are none. */
    sealed interface Outcome {

        record Rotated(TokenResponse tokens) implements Outcome {
        }

        record Refused(SessionProblem reason) implements Outcome {
        }
    }

    private final Tenants tenants;
    private final SessionRepository repository;
    private final TokenIssuance issuance;
    private final DPoPVerifier dpop;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RefreshRotation(Tenants tenants, SessionRepository repository, TokenIssuance issuance, DPoPVerifier dpop,
            TransactionTemplate transaction, ApplicationEventPublisher events, Clock clock) {
        this.tenants = tenants;
        this.repository = repository;
        this.issuance = issuance;
        this.dpop = dpop;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @throws ApiException {@code refresh_token_invalid}, {@code refresh_token_reused},
     *                      {@code session_inactive}, {@code dpop_proof_invalid}, {@code dpop_key_mismatch}
     */
    public TokenResponse rotate(String tenantId, String refreshToken, @Nullable DPoPProof proof) {
        Tenant tenant = tenants.require(tenantId);
        VerifiedProof checked = proof == null ? null : dpop.check(tenantId, proof);
        Outcome outcome = transaction.execute(status -> rotate(tenant, Secrets.sha256(refreshToken), checked, status));
        return switch (outcome) {
            case Outcome.Rotated rotated -> rotated.tokens();
            case Outcome.Refused refused -> throw new ApiException(refused.reason());
            case null -> throw new IllegalStateException("a rotation always has an outcome");
        };
    }

    /** A refusal but reuse (audited as {@code token.reuse_detected}) is audited as {@code refresh_token.rejected}. */
    private Outcome rotate(Tenant tenant, byte[] hash, @Nullable VerifiedProof proof, TransactionStatus status) {
        String tenantId = tenant.id();
        Instant now = clock.instant();
        RefreshToken stored = repository.findRefreshToken(tenantId, hash).orElse(null);
        if (stored == null || stored.status() == RefreshStatus.REVOKED) {
            return refused(tenantId, SessionProblem.REFRESH_TOKEN_INVALID, null);
        }
        if (stored.status() == RefreshStatus.ROTATED || !repository.rotate(tenantId, hash, now)) {
            repository.revoke(tenantId, stored.sessionId(), RevocationReason.REFRESH_TOKEN_REUSE, now);
            Optional<Session> family = repository.find(tenantId, stored.sessionId());
            family.ifPresent(revoked -> events.publishEvent(SessionEvents.of(revoked,
                    SecurityEventType.TOKEN_REUSE_DETECTED).reason("family_revoked").build()));
            return new Outcome.Refused(family.isPresent()
                    ? SessionProblem.REFRESH_TOKEN_REUSED : SessionProblem.REFRESH_TOKEN_INVALID);
        }
        // Absent only if the purge removed the long-expired session and its tokens meanwhile.
        Session session = repository.find(tenantId, stored.sessionId()).orElse(null);
        if (session == null) {
            return new Outcome.Refused(SessionProblem.REFRESH_TOKEN_INVALID);
        }
        if (!session.activeAt(now)) {
            status.setRollbackOnly();
            return refused(tenantId, SessionProblem.SESSION_INACTIVE, session);
        }
        if (session.dpopJkt() != null && (proof == null || !session.dpopJkt().equals(proof.jkt()))) {
            status.setRollbackOnly();
            return refused(tenantId, SessionProblem.DPOP_KEY_MISMATCH, session);
        }
        if (proof != null) {
            // Spent only now, so that a refused rotation does not burn the proof; a replay rolls back the rotation.
            dpop.spend(tenantId, proof);
        }
        SessionPolicy policy = tenant.sessions();
        repository.touch(tenantId, session.id(), now,
                TokenIssuance.earliest(now.plus(policy.sessionIdleTimeout()), session.absoluteExpiresAt()));
        events.publishEvent(SessionEvents.of(session, SecurityEventType.TOKEN_REFRESHED).build());
        return new Outcome.Rotated(issuance.issue(session, policy, now));
    }

    private Outcome.Refused refused(String tenantId, SessionProblem reason, @Nullable Session session) {
        events.publishEvent(SecurityEvent.failure(tenantId, SecurityEventType.REFRESH_TOKEN_REJECTED, reason.code())
                .customer(session == null ? null : session.customerId()).build());
        return new Outcome.Refused(reason);
    }
}
