package io.biometriccore.signing.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biometriccore.audit.AuditLogs;
import io.biometriccore.ceremonies.AuthenticationCeremony;
import io.biometriccore.ceremonies.AuthenticationResponse;
import io.biometriccore.ceremonies.AuthenticationResult;
import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.ceremonies.PublicKeyCredentialDescriptorJSON;
import io.biometriccore.ceremonies.PublicKeyCredentialRequestOptionsJSON;
import io.biometriccore.ceremonies.WebAuthnJson.AuthenticationResponseJSON;
import io.biometriccore.credentials.Credential;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.risk.BankContexts;
import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.SecureRandoms;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.signing.TransactionProblem;
import io.biometriccore.signing.internal.TransactionRepository.Status;
import io.biometriccore.signing.internal.TransactionRepository.Stored;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.metadata.MetadataEntry;
import io.biometriccore.tenancy.DecisionFacts;
import io.biometriccore.tenancy.PolicyAction;
import io.biometriccore.tenancy.PolicyDecisions;
import io.biometriccore.tenancy.PolicyEvaluation;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
    private final PolicyDecisions decisions;
    private final AuthenticatorMetadata metadata;
    private final Sessions sessions;

    Approvals(Transactions transactions, TransactionRepository repository, EvidenceRepository evidence,
            EvidenceRecords records, AuthenticationCeremony authentication, Credentials credentials, AuditLogs audit,
            Tenants tenants, Clock clock, ApplicationEventPublisher events, PolicyDecisions decisions,
            AuthenticatorMetadata metadata, Sessions sessions) {
        this.sessions = sessions;
        this.decisions = decisions;
        this.metadata = metadata;
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

    /** An approval as its customer (or the bank relaying a Secure Payment Confirmation) is told it. */
    record Approved(String status, Instant approvedAt, UUID transactionId, String credentialId, UUID deviceId,
            String method) {
    }

    /**
     * What the merchant's page passes to {@code PaymentRequest} as the {@code secure-payment-confirmation}
     * method's data and details (SPC §4.1, {@code SecurePaymentConfirmationRequest}): the strings verbatim
     * as registered, since what the browser signs back is compared with them exactly (ADR 0037).
     *
     * @param timeout milliseconds, the tenant's challenge timeout (SPC allows at most an hour)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SpcOptions(List<String> credentialIds, String challenge, String rpId, String payeeName,
            @Nullable String payeeOrigin, Map<String, String> instrument, Map<String, String> total, long timeout) {
    }

    /**
     * Options with the challenge SHA-256(nonce || transaction hash), the nonce fresh and kept in the
     * pending ceremony; user verification required.
     *
     * @throws ApiException {@code transaction_not_found}, {@code transaction_not_pending}, {@code transaction_expired}
     */
    ApprovalOptions options(String tenantId, UUID id, AuthenticatedSession caller, BankContexts.Reported reported) {
        Stored t = owned(tenantId, id, new ApprovalCaller.Customer(caller));
        transactions.requirePending(t, clock.instant());
        byte[] nonce = SecureRandoms.bytes(32);
        CeremonyContext context = CeremonyContext.transactionApproval(id, Base64Url.encode(nonce),
                caller.session().channel().wireName()).withRisk(reported.bank(), reported.claimed());
        PublicKeyCredentialRequestOptionsJSON options =
                authentication.startApproval(tenantId, t.customerId(), context, challenge(nonce, t)).options();
        return new ApprovalOptions(options, TransactionView.display(CanonicalJson.tree(t.canonical())));
    }

    /**
     * Secure Payment Confirmation options (SPC §4.1): the challenge derived as for {@link #options}, under
     * {@link CeremonyPurpose#SPC_APPROVAL}, bound to the transaction's merchant origin; the customer's
     * active credentials; the payee, total and instrument exactly as registered.
     *
     * @throws ApiException {@code transaction_not_found}, {@code spc_not_registered},
     *                      {@code transaction_not_pending}, {@code transaction_expired}
     */
    SpcOptions spcOptions(String tenantId, UUID id, ApprovalCaller caller) {
        Stored t = owned(tenantId, id, caller);
        JsonNode canonical = CanonicalJson.tree(t.canonical());
        SpcPaymentData.Expected shown = SpcApprovalStep.expected(tenants.require(tenantId), canonical);
        transactions.requirePending(t, clock.instant());
        byte[] nonce = SecureRandoms.bytes(32);
        CeremonyContext context = CeremonyContext.spcApproval(id, Base64Url.encode(nonce), shown.topOrigin(),
                caller instanceof ApprovalCaller.Customer c ? c.session().session().channel().wireName() : null);
        PublicKeyCredentialRequestOptionsJSON options =
                authentication.startApproval(tenantId, t.customerId(), context, challenge(nonce, t)).options();
        return new SpcOptions(options.allowCredentials().stream().map(PublicKeyCredentialDescriptorJSON::id).toList(),
                options.challenge(), options.rpId(), Objects.requireNonNull(shown.payeeName(), "payeeName"),
                shown.payeeOrigin(), Map.of("displayName", shown.instrumentDisplayName(), "icon", shown.instrumentIcon()),
                Map.of("currency", shown.currency(), "value", shown.value()), options.timeout());
    }

    /**
     * A rejection is audited as {@code transaction.approval_failed}, its reason the problem's code.
     *
     * @throws ApiException the ceremony's codes, {@code ceremony_purpose_mismatch} for an assertion made
     *                      for another route, {@code transaction_mismatch} for one made for another
     *                      transaction, {@code signing_policy_device_bound_required},
     *                      {@code transaction_not_pending} or {@code transaction_expired}
     */
    Approved approve(String tenantId, UUID id, ApprovalCaller caller, AuthenticationResponseJSON credential,
            ClientContext client) {
        Stored t = owned(tenantId, id, caller);
        try {
            transactions.requirePending(t, clock.instant());
            AuthenticationResponse response = credential.decode();
            return authentication.finish(tenantId, finishes(caller), Optional.empty(), response, client,
                    result -> record(t, caller, response, result));
        } catch (ApiException e) {
            events.publishEvent(SecurityEvent.failure(tenantId, SecurityEventType.TRANSACTION_APPROVAL_FAILED,
                    e.problem().code()).customer(t.customerId()).build());
            throw e;
        }
    }

    /** @throws ApiException {@code transaction_not_found}, {@code transaction_not_pending}, {@code transaction_expired} */
    @Transactional
    TransactionView decline(String tenantId, UUID id, AuthenticatedSession caller) {
        Stored t = owned(tenantId, id, new ApprovalCaller.Customer(caller));
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
     * its audit event (whose reason is the evidence's digest) and the evidence row that points to it. A
     * refusal of our steps that the signing policy made is recorded on its own transaction, since this one
     * rolls back.
     */
    private Approved record(Stored t, ApprovalCaller caller, AuthenticationResponse response,
            AuthenticationResult result) {
        Tenant tenant = tenants.require(t.tenantId());
        requireRiskStepUp(tenant, caller, result);
        byte[] clientChallenge = clientChallenge(response);
        ApprovalSteps.Approval approval = new ApprovalSteps.Approval(tenant, t, result, clientChallenge,
                response.clientDataJSON());
        Credential credential = credentials.find(t.tenantId(), response.rawId()).orElseThrow(
                () -> new IllegalStateException("The credential of a verified assertion is gone"));
        try {
            ApprovalSteps.verify(approval);
        } catch (ApiException e) {
            decisions.recordRefusal(tenant, PolicyAction.APPROVE_TRANSACTION, e, t.customerId(),
                    facts(t, credential, result));
            throw e;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String method = approval.spc() ? EvidenceRecords.METHOD_SPC : EvidenceRecords.METHOD_WEBAUTHN;
        if (!repository.approve(t.tenantId(), t.id(), at, result.credentialId(), result.deviceId(), method)) {
            throw transactions.notPending(t, at);
        }
        decisions.record(t.tenantId(), PolicyAction.APPROVE_TRANSACTION, PolicyEvaluation.ALLOWED, t.customerId(),
                facts(t, credential, result));
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
        return new Approved("approved", at, t.id(), result.credentialId(), result.deviceId(), method);
    }

    /**
     * An approval the risk engine asked to step up goes on only from a session that reached the tenant's
     * {@code risk.stepUpAcr} within its {@code sensitiveActionMaxAge} ({@code step_up_required}, ADR 0010).
     * The bank relaying a Secure Payment Confirmation has no session to step up: the bank confirms the
     * customer out of band ({@code risk_step_up_required}).
     */
    private void requireRiskStepUp(Tenant tenant, ApprovalCaller caller, AuthenticationResult result) {
        RiskAssessment risk = result.risk();
        if (risk == null || !risk.stepUp()) {
            return;
        }
        switch (caller) {
            case ApprovalCaller.Customer c -> sessions.requireAssurance(c.session(), risk.stepUpAcr(),
                    tenant.sessions().sensitiveActionMaxAge());
            case ApprovalCaller.Bank b -> throw new ApiException(RiskProblem.RISK_STEP_UP_REQUIRED);
        }
    }

    /** What the approval was decided on, with its amount (docs/policy.md "Dry run"). */
    private DecisionFacts facts(Stored t, Credential credential, AuthenticationResult result) {
        return DecisionFacts.of(credential.aaguid(), credential.attestationFormat(),
                credential.attestationTrust().name().toLowerCase(Locale.ROOT), result.flags().userVerified(),
                result.flags().backupEligible(), result.flags().backupState(), result.deviceBound(),
                metadata.findByAaguid(credential.aaguid()).map(MetadataEntry::statuses).orElse(Set.of()))
                .withAmount(t.amountMinor(), t.currency());
    }

    /**
     * The customer's token finishes either approval; the bank's key only a Secure Payment Confirmation,
     * the one ceremony whose assertion the customer's app never holds.
     */
    private static Set<CeremonyPurpose> finishes(ApprovalCaller caller) {
        return switch (caller) {
            case ApprovalCaller.Customer c -> Set.of(CeremonyPurpose.TRANSACTION_APPROVAL, CeremonyPurpose.SPC_APPROVAL);
            case ApprovalCaller.Bank b -> Set.of(CeremonyPurpose.SPC_APPROVAL);
        };
    }

    private static byte[] challenge(byte[] nonce, Stored t) {
        return CanonicalJson.sha256(nonce, Base64Url.decode(t.hash(), "hash"));
    }

    private static Instant retainUntil(Tenant tenant, Instant approvedAt) {
        return approvedAt.atOffset(ZoneOffset.UTC).plus(tenant.signing().evidenceRetention()).toInstant();
    }

    /** C.challenge, which §7.2 step 11 has matched to the pending ceremony's. */
    private static byte[] clientChallenge(AuthenticationResponse response) {
        JsonNode clientData = CanonicalJson.JSON.readTree(response.clientDataJSON());
        return Base64Url.decode(clientData.path("challenge").asString(), "challenge");
    }

    /**
     * The customer's own transaction; another customer's is not found, exactly like an unknown id. The
     * bank's key sees every transaction of its tenant, as on its own routes.
     */
    private Stored owned(String tenantId, UUID id, ApprovalCaller caller) {
        return repository.find(tenantId, id).filter(t -> switch (caller) {
            case ApprovalCaller.Customer c -> t.customerId().equals(c.session().session().customerId());
            case ApprovalCaller.Bank b -> true;
        }).orElseThrow(() -> new ApiException(TransactionProblem.TRANSACTION_NOT_FOUND));
    }
}
