package io.biometriccore.crosschannel.internal;

import io.biometriccore.ceremonies.AuthenticationCeremony;
import io.biometriccore.ceremonies.AuthenticationResult;
import io.biometriccore.ceremonies.AuthenticationStart;
import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.ceremonies.PublicKeyCredentialRequestOptionsJSON;
import io.biometriccore.ceremonies.WebAuthnJson.AuthenticationResponseJSON;
import io.biometriccore.crosschannel.CrossChannelProblem;
import io.biometriccore.crosschannel.internal.CrossChannelRepository.Approval;
import io.biometriccore.crosschannel.internal.CrossChannelRepository.Request;
import io.biometriccore.crosschannel.internal.CrossChannelRepository.Status;
import io.biometriccore.identity.Customers;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Channel;
import io.biometriccore.sessions.SessionProblem;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.sessions.SignIn;
import io.biometriccore.sessions.TokenResponse;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CrossNodeEvents;
import io.biometriccore.shared.SecureRandoms;
import io.biometriccore.shared.Secrets;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cross-channel sign-in, step by step: the browser {@link #request requests}; the phone, signed in
 * with its own passkey, asks for {@link #approvalOptions options} and {@link #approve approves} with a
 * fresh assertion; the browser, holding the poll secret, {@link #claim claims} its session once.
 */
@Service
class CrossChannelSignIns {

    /** Without look-alikes (0/O, 1/I), for reading off one screen and comparing on another. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final CrossChannelRepository repository;
    private final AuthenticationCeremony authentication;
    private final Sessions sessions;
    private final Customers customers;
    private final Tenants tenants;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final CrossNodeEvents crossNode;

    CrossChannelSignIns(CrossChannelRepository repository, AuthenticationCeremony authentication, Sessions sessions,
            Customers customers, Tenants tenants, Clock clock, ApplicationEventPublisher events,
            TransactionTemplate transaction, CrossNodeEvents crossNode) {
        this.repository = repository;
        this.authentication = authentication;
        this.sessions = sessions;
        this.customers = customers;
        this.tenants = tenants;
        this.clock = clock;
        this.events = events;
        this.transaction = transaction;
        this.crossNode = crossNode;
    }

    /** A request as the browser learns it: the poll secret is only ever in this answer. */
    record Requested(UUID id, String pollSecret, String userCode, Instant expiresAt) {
    }

    /** What the waiting browser may see. */
    record State(String status, Instant expiresAt) {
    }

    /** What the phone shows before the customer approves: compare the code with the browser's. */
    record ApprovalOptions(String userCode, PublicKeyCredentialRequestOptionsJSON publicKey) {
    }

    @Transactional
    Requested request(String tenantId) {
        Tenant tenant = tenants.require(tenantId);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(tenant.policy().challengeTimeout());
        UUID id = UUID.randomUUID();
        String secret = Secrets.generate("cc_");
        String userCode = userCode();
        repository.insert(id, tenantId, Secrets.sha256(secret), userCode, now, expiresAt);
        return new Requested(id, secret, userCode, expiresAt);
    }

    /** @throws ApiException {@code cross_channel_not_found} or {@code cross_channel_secret_invalid} */
    @Transactional(readOnly = true)
    State state(String tenantId, UUID id, Optional<String> pollSecret) {
        Request request = withSecret(tenantId, id, pollSecret);
        return new State(status(request), request.expiresAt());
    }

    @Transactional(readOnly = true)
    ApprovalOptions approvalOptions(String tenantId, UUID id, AuthenticatedSession phone) {
        Request request = pending(tenantId, id);
        String username = customers.require(tenantId, phone.session().customerId()).username();
        CeremonyContext context = new CeremonyContext(null, null, null, Channel.MOBILE.wireName(), id);
        return new ApprovalOptions(request.userCode(),
                authentication.start(tenantId, new AuthenticationStart(username, null, context)).options());
    }

    /**
     * The phone's fresh assertion, made for this request by the phone session's own customer. The
     * ceremony records the credential's use in its own transaction; the approval is a second one.
     */
    void approve(String tenantId, UUID id, AuthenticatedSession phone, AuthenticationResponseJSON assertion,
            ClientContext client) {
        pending(tenantId, id);
        AuthenticationResult result = authentication.finish(tenantId, Set.of(CeremonyPurpose.CROSS_CHANNEL_APPROVAL),
                Optional.empty(), assertion.decode(), client);
        if (!id.equals(result.context().crossChannelId())) {
            throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_WRONG_CEREMONY);
        }
        if (!result.customerId().equals(phone.session().customerId())) {
            throw new ApiException(SessionProblem.STEP_UP_USER_MISMATCH);
        }
        SignIn facts = result.toSignIn(tenantId, Channel.WEB, null, null);
        Approval approval = new Approval(phone.session().id(), facts.customerId(), facts.userHandle(),
                facts.deviceId(), facts.userVerified(), facts.backupEligible(), facts.trustedAttestation());
        transaction.executeWithoutResult(status -> {
            if (!repository.approve(tenantId, id, approval, clock.instant())) {
                throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_NOT_PENDING);
            }
            crossNode.publish(CrossChannelStreams.CHANGED, id.toString());
            events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.CROSS_CHANNEL_APPROVED)
                    .customer(facts.customerId()).device(facts.deviceId()).session(phone.session().id())
                    .channel(Channel.MOBILE.wireName()).reason(id.toString()).build());
        });
    }

    /** The browser's session, once: a second claim fails with {@code cross_channel_already_used}. */
    @Transactional
    TokenResponse claim(String tenantId, UUID id, Optional<String> pollSecret, @Nullable String userAgent,
            @Nullable String dpopJkt) {
        Request request = withSecret(tenantId, id, pollSecret);
        switch (status(request)) {
            case "pending" -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_PENDING);
            case "expired" -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_EXPIRED);
            case "consumed" -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_ALREADY_USED);
            default -> { }
        }
        if (!repository.consume(tenantId, id, clock.instant()) || request.customerId() == null
                || request.userHandle() == null || request.deviceId() == null) {
            throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_ALREADY_USED);
        }
        crossNode.publish(CrossChannelStreams.CHANGED, id.toString());
        return sessions.signIn(new SignIn(tenantId, request.customerId(), request.userHandle(), request.deviceId(),
                request.userVerified(), request.backupEligible(), request.trustedAttestation(), Channel.WEB, userAgent,
                null, dpopJkt));
    }

    private Request pending(String tenantId, UUID id) {
        Request request = repository.find(tenantId, id)
                .orElseThrow(() -> new ApiException(CrossChannelProblem.CROSS_CHANNEL_NOT_FOUND));
        return switch (status(request)) {
            case "pending" -> request;
            case "expired" -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_EXPIRED);
            default -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_NOT_PENDING);
        };
    }

    private Request withSecret(String tenantId, UUID id, Optional<String> pollSecret) {
        Request request = repository.find(tenantId, id)
                .orElseThrow(() -> new ApiException(CrossChannelProblem.CROSS_CHANNEL_NOT_FOUND));
        if (!Secrets.matches(request.secretHash(), pollSecret.orElse(null))) {
            throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_SECRET_INVALID);
        }
        return request;
    }

    private String status(Request request) {
        if (request.status() == Status.CONSUMED) {
            return "consumed";
        }
        if (!clock.instant().isBefore(request.expiresAt())) {
            return "expired";
        }
        return request.status().name().toLowerCase(Locale.ROOT);
    }

    private static String userCode() {
        byte[] random = SecureRandoms.bytes(8);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt((random[i] & 0xFF) % CODE_ALPHABET.length()));
        }
        return code.toString();
    }
}
