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
import io.biometriccore.crosschannel.internal.CrossChannelRepository.Requester;
import io.biometriccore.crosschannel.internal.CrossChannelRepository.Status;
import io.biometriccore.identity.Customers;
import io.biometriccore.risk.BankContexts;
import io.biometriccore.risk.NetworkLocation;
import io.biometriccore.risk.NetworkLocator;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Channel;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.sessions.SignIn;
import io.biometriccore.sessions.VerifiedProof;
import io.biometriccore.sessions.TokenResponse;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CrossNodeEvents;
import io.biometriccore.shared.SecureRandoms;
import io.biometriccore.shared.Secrets;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>Nothing ties the request to the browser that shows its code, so it can be relayed by a phishing
 * page, and a stranger's request can be approved to sign the stranger into one's own account (ADR 0022).
 * Against the relay the phone shows who asks, and the session is restricted until it steps up in its
 * own browser; against the second the phone must enter the code the browser shows, with few tries.
 */
@Service
class CrossChannelSignIns {

    /** Without look-alikes (0/O, 1/I), for reading off one screen and comparing on another. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** The wrong code that burns a request: with three tries at 32^8 codes, guessing is hopeless. */
    private static final int CODE_ATTEMPTS = 3;

    private final CrossChannelRepository repository;
    private final AuthenticationCeremony authentication;
    private final Sessions sessions;
    private final Customers customers;
    private final Tenants tenants;
    private final NetworkLocator locator;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final CrossNodeEvents crossNode;

    CrossChannelSignIns(CrossChannelRepository repository, AuthenticationCeremony authentication, Sessions sessions,
            Customers customers, Tenants tenants, NetworkLocator locator, Clock clock, ApplicationEventPublisher events,
            TransactionTemplate transaction, CrossNodeEvents crossNode) {
        this.repository = repository;
        this.authentication = authentication;
        this.sessions = sessions;
        this.customers = customers;
        this.tenants = tenants;
        this.locator = locator;
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

    /**
     * What the phone shows before the customer approves: who asks, for the customer to refuse a request
     * that is not theirs. Not the code: the customer must read it off the browser and enter it.
     */
    record ApprovalOptions(Requester requester, PublicKeyCredentialRequestOptionsJSON publicKey) {
        ApprovalOptions {
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /**
     * The phone's approval: the code the customer entered from the browser's screen, and the assertion.
     * Either missing, or a code too long to be a typo of the real one, is a malformed request.
     */
    record PhoneApproval(String userCode, AuthenticationResponseJSON credential) {

        private static final int MAX_CODE = 64;

        PhoneApproval {
            Objects.requireNonNull(userCode, "userCode");
            Objects.requireNonNull(credential, "credential");
            if (userCode.length() > MAX_CODE) {
                throw new IllegalArgumentException("userCode is longer than " + MAX_CODE + " characters");
            }
        }
    }

    @Transactional
    Requested request(String tenantId, ClientContext browser) {
        Tenant tenant = tenants.require(tenantId);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(tenant.policy().challengeTimeout());
        UUID id = UUID.randomUUID();
        String secret = Secrets.generate("cc_");
        String userCode = userCode();
        NetworkLocation place = locator.locate(browser.clientIp());
        BrowserFamily family = BrowserFamily.of(browser.userAgent());
        repository.insert(id, tenantId, Secrets.sha256(secret), userCode,
                new Requester(place.network(), place.location(), family.browser(), family.os(), now,
                        locator.place(browser.clientIp())), expiresAt);
        return new Requested(id, secret, userCode, expiresAt);
    }

    /** @throws ApiException {@code cross_channel_not_found} or {@code cross_channel_secret_invalid} */
    @Transactional(readOnly = true)
    State state(String tenantId, UUID id, Optional<String> pollSecret) {
        Request request = withSecret(tenantId, id, pollSecret);
        return new State(status(request), request.expiresAt());
    }

    @Transactional(readOnly = true)
    ApprovalOptions approvalOptions(String tenantId, UUID id, AuthenticatedSession phone,
            BankContexts.Reported reported) {
        Request request = pending(tenantId, id);
        String username = customers.require(tenantId, phone.session().customerId()).username();
        CeremonyContext context = new CeremonyContext(null, null, null, Channel.MOBILE.wireName(), id)
                .withRequester(request.requester().place()).withRisk(reported.bank(), reported.claimed());
        return new ApprovalOptions(request.requester(),
                authentication.start(tenantId, new AuthenticationStart(username, null, context)).options());
    }

    /**
     * The phone's fresh assertion, made for this request by the phone session's own customer, with the
     * browser's code. The code is checked first, so a wrong one costs a try and not the ceremony. The
     * ceremony records the credential's use in its own transaction; the approval is a second one.
     *
     * @throws ApiException {@code cross_channel_code_mismatch}, or {@code cross_channel_burned} for the
     *                      last try
     */
    void approve(String tenantId, UUID id, AuthenticatedSession phone, PhoneApproval approval, ClientContext client) {
        Request request = pending(tenantId, id);
        if (!sameCode(request.userCode(), approval.userCode())) {
            throw codeMismatch(tenantId, id, phone);
        }
        AuthenticationResult result = authentication.finish(tenantId, Set.of(CeremonyPurpose.CROSS_CHANNEL_APPROVAL),
                Optional.empty(), approval.credential().decode(), client);
        if (!id.equals(result.context().crossChannelId())) {
            throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_WRONG_CEREMONY);
        }
        if (!result.customerId().equals(phone.session().customerId())) {
            // The approval ceremony is started for the phone session's customer and bound to them
            // (credential_user_mismatch): another customer here is a bug, never a client's error.
            throw new IllegalStateException("approval of " + id + " by another customer than the phone's");
        }
        SignIn facts = result.toSignIn(tenantId, Channel.WEB, null, null);
        Approval approved = new Approval(phone.session().id(), facts.customerId(), facts.userHandle(),
                facts.deviceId(), facts.userVerified(), facts.backupEligible(), facts.trustedAttestation(),
                facts.restricted());
        transaction.executeWithoutResult(status -> {
            if (!repository.approve(tenantId, id, approved, clock.instant())) {
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
            @Nullable VerifiedProof proof) {
        Request request = withSecret(tenantId, id, pollSecret);
        switch (status(request)) {
            case "pending" -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_PENDING);
            case "expired" -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_EXPIRED);
            case "consumed" -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_ALREADY_USED);
            case "burned" -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_BURNED);
            default -> { }
        }
        if (!repository.consume(tenantId, id, clock.instant()) || request.customerId() == null
                || request.userHandle() == null || request.deviceId() == null) {
            throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_ALREADY_USED);
        }
        if (proof != null) {
            // Only now that the poll secret and the request's state have passed: a refused claim keeps it.
            sessions.spendProof(tenantId, proof);
        }
        crossNode.publish(CrossChannelStreams.CHANGED, id.toString());
        return sessions.signInApprovedOnAnotherDevice(new SignIn(tenantId, request.customerId(), request.userHandle(),
                request.deviceId(), request.userVerified(), request.backupEligible(), request.trustedAttestation(),
                Channel.WEB, userAgent, null, proof == null ? null : proof.jkt(), request.restricted()));
    }

    private Request pending(String tenantId, UUID id) {
        Request request = repository.find(tenantId, id)
                .orElseThrow(() -> new ApiException(CrossChannelProblem.CROSS_CHANNEL_NOT_FOUND));
        return switch (status(request)) {
            case "pending" -> request;
            case "expired" -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_EXPIRED);
            case "burned" -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_BURNED);
            default -> throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_NOT_PENDING);
        };
    }

    /**
     * Counts the wrong code and audits it in one transaction, so that a try is never lost; the last try
     * burns the request. Answers the problem to throw once that transaction has committed.
     */
    private ApiException codeMismatch(String tenantId, UUID id, AuthenticatedSession phone) {
        return Objects.requireNonNull(transaction.execute(status -> {
            Optional<Integer> counted = repository.recordCodeFailure(tenantId, id, CODE_ATTEMPTS, clock.instant());
            if (counted.isEmpty()) {
                pending(tenantId, id);
                throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_NOT_PENDING);
            }
            int failures = counted.get();
            boolean burned = failures >= CODE_ATTEMPTS;
            events.publishEvent(SecurityEvent.success(tenantId, burned ? SecurityEventType.CROSS_CHANNEL_BURNED
                    : SecurityEventType.CROSS_CHANNEL_CODE_MISMATCH).customer(phone.session().customerId())
                    .device(phone.session().deviceId()).session(phone.session().id())
                    .channel(Channel.MOBILE.wireName()).reason(id.toString()).build());
            if (burned) {
                crossNode.publish(CrossChannelStreams.CHANGED, id.toString());
            }
            int remaining = CODE_ATTEMPTS - failures;
            return burned ? new ApiException(CrossChannelProblem.CROSS_CHANNEL_BURNED)
                    : new ApiException(CrossChannelProblem.CROSS_CHANNEL_CODE_MISMATCH,
                            "Check the code the browser shows; " + remaining + " more wrong code(s) close the request",
                            Map.of("attemptsRemaining", remaining), Map.of());
        }));
    }

    /**
     * Ignoring case, spaces and the hyphen, which people type or leave out; digests of equal length are
     * compared in constant time, so the time taken tells nothing about the code, its length included.
     */
    private static boolean sameCode(String issued, String entered) {
        return MessageDigest.isEqual(Secrets.sha256(normalized(issued)), Secrets.sha256(normalized(entered)));
    }

    private static String normalized(String code) {
        return code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }

    private Request withSecret(String tenantId, UUID id, Optional<String> pollSecret) {
        Request request = repository.find(tenantId, id)
                .orElseThrow(() -> new ApiException(CrossChannelProblem.CROSS_CHANNEL_NOT_FOUND));
        if (!Secrets.matches(request.secretHash(), pollSecret.orElse(null))) {
            events.publishEvent(SecurityEvent.failure(tenantId, SecurityEventType.POLL_SECRET_REJECTED,
                    CrossChannelProblem.CROSS_CHANNEL_SECRET_INVALID.code()).build());
            throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_SECRET_INVALID);
        }
        return request;
    }

    private String status(Request request) {
        if (request.status() == Status.CONSUMED || request.status() == Status.BURNED) {
            return request.status().name().toLowerCase(Locale.ROOT);
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
