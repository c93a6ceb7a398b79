package io.biometriccore.signing.internal;

import io.biometriccore.audit.AuditLogs;
import io.biometriccore.ceremonies.AuthenticationCeremony;
import io.biometriccore.ceremonies.AuthenticationResponse;
import io.biometriccore.ceremonies.AuthenticationResult;
import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.ceremonies.PublicKeyCredentialRequestOptionsJSON;
import io.biometriccore.ceremonies.WebAuthnJson.AuthenticationResponseJSON;
import io.biometriccore.credentials.Credential;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.SecureRandoms;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.signing.TransactionProblem;
import io.biometriccore.signing.internal.TransactionRepository.Status;
import io.biometriccore.signing.internal.TransactionRepository.Stored;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The customer's side of a transaction: options whose challenge is derived from the transaction
 * (dynamic linking), the approval (WebAuthn §7.2, then {@link ApprovalSteps}, then the approval
 * recorded once with its evidence and audit event in one database transaction) and the decline. A
 * transaction of another customer is not found, exactly like one that does not exist.
 */
@Service
class Approvals {

    private final Transactions transactions;
    private final TransactionRepository repository;
    private final EvidenceRepository evidence;
    private final EvidenceRecords records;
    private final AuthenticationCeremony authentication;
    private final Credentials credentials;
    private final AuditLogs audit;
    private final Tenants tenants;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Approvals(Transactions transactions, TransactionRepository repository, EvidenceRepository evidence,
            EvidenceRecords records, AuthenticationCeremony authentication, Credentials credentials, AuditLogs audit,
            Tenants tenants, Clock clock, ApplicationEventPublisher events) {
        this.transactions = transactions;
        this.repository = repository;
        this.evidence = evidence;
        this.records = records;
        this.authentication = authentication;
        this.credentials = credentials;
        this.audit = audit;
        this.tenants = tenants;
        this.clock = clock;
        this.events = events;
    }

    /** The request options for the approval, and what the app displays. */
    record ApprovalOptions(PublicKeyCredentialRequestOptionsJSON publicKey, Map<String, Object> display) {
    }

    /** An approval as its customer is told it. */
    record Approved(String status, Instant approvedAt, UUID transactionId, String credentialId, UUID deviceId) {
    }

    /**
     * Options with the challenge SHA-256(nonce || transaction hash), the nonce fresh and kept in the
     * pending ceremony; user verification required.
     *
     * @throws ApiException {@code transaction_not_found}, {@code transaction_not_pending}, {@code transaction_expired}
     */
    ApprovalOptions options(String tenantId, UUID id, AuthenticatedSession caller) {
        Stored t = owned(tenantId, id, caller);
        transactions.requirePending(t, clock.instant());
        byte[] nonce = SecureRandoms.bytes(32);
        byte[] challenge = CanonicalJson.sha256(nonce, Base64Url.decode(t.hash(), "hash"));
        CeremonyContext context = CeremonyContext.transactionApproval(id, Base64Url.encode(nonce),
                caller.session().channel().wireName());
        PublicKeyCredentialRequestOptionsJSON options =
                authentication.startApproval(tenantId, t.customerId(), context, challenge).options();
        return new ApprovalOptions(options, TransactionView.display(CanonicalJson.tree(t.canonical())));
    }

    /**
     * A rejection is audited as {@code transaction.approval_failed}, its reason the problem's code.
     *
     * @throws ApiException the ceremony's codes, {@code ceremony_purpose_mismatch} for an assertion made
     *                      for another route, {@code transaction_mismatch} for one made for another
     *                      transaction, {@code signing_policy_device_bound_required},
     *                      {@code transaction_not_pending} or {@code transaction_expired}
     */
    Approved approve(String tenantId, UUID id, AuthenticatedSession caller, AuthenticationResponseJSON credential,
            ClientContext client) {
        Stored t = owned(tenantId, id, caller);
        try {
            transactions.requirePending(t, clock.instant());
            AuthenticationResponse response = credential.decode();
            return authentication.finish(tenantId, Set.of(CeremonyPurpose.TRANSACTION_APPROVAL), Optional.empty(),
                    response, client, result -> record(t, response, result));
        } catch (ApiException e) {
            events.publishEvent(SecurityEvent.failure(tenantId, SecurityEventType.TRANSACTION_APPROVAL_FAILED,
                    e.problem().code()).customer(t.customerId()).build());
            throw e;
        }
    }

    /** @throws ApiException {@code transaction_not_found}, {@code transaction_not_pending}, {@code transaction_expired} */
    @Transactional
    TransactionView decline(String tenantId, UUID id, AuthenticatedSession caller) {
        Stored t = owned(tenantId, id, caller);
        Instant now = clock.instant();
        if (!repository.decide(tenantId, id, Status.DECLINED, now)) {
            throw transactions.notPending(t, now);
        }
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.TRANSACTION_DECLINED)
                .customer(t.customerId()).device(caller.session().deviceId()).session(caller.session().id())
                .reason(id.toString()).build());
        transactions.notify(t, BankNotificationType.TRANSACTION_DECLINED, now);
        return TransactionView.of(transactions.find(tenantId, id), now);
    }

    /**
     * Inside the ceremony's transaction, after §7.2: our steps, the approval once, the evidence signed,
     * its audit event (whose reason is the evidence's digest) and the evidence row that points to it.
     */
    private Approved record(Stored t, AuthenticationResponse response, AuthenticationResult result) {
        Tenant tenant = tenants.require(t.tenantId());
        byte[] clientChallenge = clientChallenge(response);
        ApprovalSteps.verify(new ApprovalSteps.Approval(tenant, t, result, clientChallenge));
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!repository.approve(t.tenantId(), t.id(), at, result.credentialId(), result.deviceId(), "webauthn")) {
            throw transactions.notPending(t, at);
        }
        Credential credential = credentials.find(t.tenantId(), response.rawId()).orElseThrow(
                () -> new IllegalStateException("The credential of a verified assertion is gone"));
        EvidenceRecords.Signed signed = records.sign(new EvidenceRecords.Approved(tenant, t, response, result,
                credential, result.context().transactionNonce(), clientChallenge, at));
        String reason = EvidenceRecords.auditReason(signed.jws());
        events.publishEvent(SecurityEvent.success(t.tenantId(), SecurityEventType.TRANSACTION_APPROVED)
                .customer(t.customerId()).device(result.deviceId()).credential(result.credentialId())
                .channel(result.context().channel()).reason(reason).build());
        long eventId = audit.findEvent(t.tenantId(), result.credentialId(), SecurityEventType.TRANSACTION_APPROVED,
                reason).orElseThrow(() -> new IllegalStateException("The approval's audit event was not written"));
        evidence.insert(new EvidenceRepository.StoredEvidence(t.id(), t.tenantId(), signed.evidenceId(),
                signed.jws(), signed.kid(), eventId, at, retainUntil(tenant, at), false));
        transactions.notify(t, BankNotificationType.TRANSACTION_APPROVED, at);
        return new Approved("approved", at, t.id(), result.credentialId(), result.deviceId());
    }

    private static Instant retainUntil(Tenant tenant, Instant approvedAt) {
        return approvedAt.atOffset(ZoneOffset.UTC).plus(tenant.signing().evidenceRetention()).toInstant();
    }

    /** C.challenge, which §7.2 step 11 has matched to the pending ceremony's. */
    private static byte[] clientChallenge(AuthenticationResponse response) {
        JsonNode clientData = CanonicalJson.JSON.readTree(response.clientDataJSON());
        return Base64Url.decode(clientData.path("challenge").asString(), "challenge");
    }

    /** The caller's own transaction; another customer's is not found, exactly like an unknown id. */
    private Stored owned(String tenantId, UUID id, AuthenticatedSession caller) {
        return repository.find(tenantId, id).filter(t -> t.customerId().equals(caller.session().customerId()))
                .orElseThrow(() -> new ApiException(TransactionProblem.TRANSACTION_NOT_FOUND));
    }
}
