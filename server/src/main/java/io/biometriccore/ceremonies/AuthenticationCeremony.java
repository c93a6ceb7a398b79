package io.biometriccore.ceremonies;

import com.webauthn4j.data.AuthenticationData;
import io.biometriccore.ceremonies.internal.AuthenticationVerifier;
import io.biometriccore.ceremonies.internal.CeremonyChallenges;
import io.biometriccore.ceremonies.internal.CeremonyType;
import io.biometriccore.ceremonies.internal.DecoyCredentials;
import io.biometriccore.ceremonies.internal.PendingCeremony;
import io.biometriccore.ceremonies.internal.RiskQuestions;
import io.biometriccore.credentials.Credential;
import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.identity.Customer;
import io.biometriccore.identity.Customers;
import io.biometriccore.ratelimits.UsernameFailures;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.risk.RiskEngine;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.tenancy.DecisionFacts;
import io.biometriccore.tenancy.PolicyAction;
import io.biometriccore.tenancy.PolicyDecisions;
import io.biometriccore.tenancy.PolicyEvaluation;
import io.biometriccore.tenancy.Requirement;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.Tenants;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authentication ceremony (WebAuthn L3 §7.2), username-first or usernameless. The response is
 * parsed, its challenge finds the ceremony, its credential id the credential record and its owner;
 * then {@code AssertionSteps} run §7.2 in order, ending with the risk decision. Step 24, recording
 * the credential's use, commits with its audit event and whatever the caller opens on it (a
 * session) in one transaction. A rejection is audited with its reason.
 */
@Service
public class AuthenticationCeremony {

    private final Tenants tenants;
    private final Customers customers;
    private final Credentials credentials;
    private final CeremonyChallenges challenges;
    private final AuthenticationVerifier verifier;
    private final DecoyCredentials decoys;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final UsernameFailures usernameFailures;
    private final PolicyDecisions decisions;
    private final AuthenticatorMetadata metadata;
    private final RiskEngine risk;

    AuthenticationCeremony(Tenants tenants, Customers customers, Credentials credentials,
            CeremonyChallenges challenges, AuthenticationVerifier verifier, DecoyCredentials decoys,
            TransactionTemplate transaction, ApplicationEventPublisher events, UsernameFailures usernameFailures,
            PolicyDecisions decisions, AuthenticatorMetadata metadata, RiskEngine risk) {
        this.risk = risk;
        this.decisions = decisions;
        this.metadata = metadata;
        this.tenants = tenants;
        this.customers = customers;
        this.credentials = credentials;
        this.challenges = challenges;
        this.verifier = verifier;
        this.decoys = decoys;
        this.transaction = transaction;
        this.events = events;
        this.usernameFailures = usernameFailures;
    }

    /**
     * §5.5 request options for a sign-in, a step-up or a cross-channel approval, as {@code start}'s
     * context says. For an unknown username, and for a customer without a passkey, the answer has the
     * shape of a known one's, with decoy credentials, so that options reveal neither who has an account
     * nor who has a passkey.
     */
    public Started<PublicKeyCredentialRequestOptionsJSON> start(String tenantId, AuthenticationStart start) {
        if (start.context().transactionId() != null) {
            throw new IllegalArgumentException("a transaction approval starts with startApproval");
        }
        return begin(tenants.require(tenantId), start, CeremonyPurpose.forAuthentication(start.context()));
    }

    /**
     * §5.5 request options for a customer's approval of a transaction (PSD2 dynamic linking, ADR 0034):
     * the challenge is the one the signing module derived from the transaction, not a random one; user
     * verification is required whatever the tenant's policy; only the customer's own credentials are
     * allowed. Only the purpose the context names finishes it: {@link CeremonyPurpose#TRANSACTION_APPROVAL},
     * or {@link CeremonyPurpose#SPC_APPROVAL} for {@link CeremonyContext#spcApproval}, whose options list
     * only the customer's active credentials, since the browser offers each of them to the user with the
     * transaction (SPC §9.1 step 5: the credential is one of those given to the caller; ADR 0037).
     *
     * @param context   {@link CeremonyContext#transactionApproval} or {@link CeremonyContext#spcApproval}
     * @param challenge at least {@value CeremonyChallenges#CHALLENGE_BYTES} bytes
     */
    public Started<PublicKeyCredentialRequestOptionsJSON> startApproval(String tenantId, UUID customerId,
            CeremonyContext context, byte[] challenge) {
        if (context.transactionId() == null || challenge.length < CeremonyChallenges.CHALLENGE_BYTES) {
            throw new IllegalArgumentException("an approval needs its transaction and a derived challenge of 32 bytes");
        }
        Tenant tenant = tenants.require(tenantId);
        Customer customer = customers.require(tenantId, customerId);
        CeremonyPurpose purpose = CeremonyPurpose.forAuthentication(context);
        List<PublicKeyCredentialDescriptorJSON> allow = CredentialDescriptors.of(credentials
                .listForCustomer(tenantId, customerId).stream()
                .filter(c -> purpose != CeremonyPurpose.SPC_APPROVAL || c.status() == CredentialStatus.ACTIVE)
                .toList());
        PendingCeremony pending = new PendingCeremony(challenges.newHandle(), tenantId, CeremonyType.AUTHENTICATION,
                purpose, Base64Url.encode(challenge), customer.userHandle().base64Url(),
                customer.id(), customer.username(), null, true, List.of(),
                allow.stream().map(PublicKeyCredentialDescriptorJSON::id).toList(),
                challenges.expiry(tenant.policy().challengeTimeout()), context);
        challenges.save(pending);
        return new Started<>(pending.handle(), new PublicKeyCredentialRequestOptionsJSON(pending.challenge(),
                tenant.policy().challengeTimeout().toMillis(), tenant.rpId(), allow,
                Requirement.REQUIRED.webAuthnValue(), List.of(), Map.of()));
    }

    /**
     * §5.5 request options for the FIDO conformance routes.
     *
     * @throws ApiException {@code conformance_profile_disabled} unless the tenant has the conformance profile
     */
    public Started<PublicKeyCredentialRequestOptionsJSON> startForConformance(String tenantId,
            AuthenticationStart start) {
        Tenant tenant = tenants.require(tenantId);
        tenant.requireConformanceProfile();
        return begin(tenant, start, CeremonyPurpose.CONFORMANCE);
    }

    private Started<PublicKeyCredentialRequestOptionsJSON> begin(Tenant tenant, AuthenticationStart start,
            CeremonyPurpose purpose) {
        String tenantId = tenant.id();
        Optional<String> username = Optional.ofNullable(start.username()).filter(u -> !u.isBlank())
                .map(u -> RegistrationCeremony.validName(u, "username"));
        Optional<Customer> customer = username.flatMap(u -> customers.findByUsername(tenantId, u));
        List<PublicKeyCredentialDescriptorJSON> real = customer
                .map(c -> CredentialDescriptors.of(credentials.listForCustomer(tenantId, c.id()))).orElse(List.of());
        List<PublicKeyCredentialDescriptorJSON> allow = username
                .map(u -> real.isEmpty() ? decoys.forUsername(tenantId, u) : real).orElse(List.of());
        Requirement policyUv = tenant.rules().userVerification(purpose.action());
        PendingCeremony pending = new PendingCeremony(challenges.newHandle(), tenantId, CeremonyType.AUTHENTICATION,
                purpose, challenges.newChallenge(), customer.map(c -> c.userHandle().base64Url()).orElse(null),
                customer.map(Customer::id).orElse(null), username.orElse(null), null,
                Policies.userVerificationRequired(policyUv, start.userVerification()), List.of(),
                real.stream().map(PublicKeyCredentialDescriptorJSON::id).toList(),
                challenges.expiry(tenant.policy().challengeTimeout()), start.context());
        challenges.save(pending);
        return new Started<>(pending.handle(), new PublicKeyCredentialRequestOptionsJSON(pending.challenge(),
                tenant.policy().challengeTimeout().toMillis(), tenant.rpId(), allow,
                Policies.userVerification(policyUv, start.userVerification()).webAuthnValue(), List.of(), Map.of()));
    }

    /**
     * §7.2: verifies the assertion and records the credential's use.
     *
     * @param accepted the purposes the calling route finishes; a ceremony started for another fails
     *                 with {@code ceremony_purpose_mismatch}
     */
    public AuthenticationResult finish(String tenantId, Set<CeremonyPurpose> accepted, Optional<String> handle,
            AuthenticationResponse response, ClientContext client) {
        return finish(tenantId, accepted, handle, response, client, Function.identity());
    }

    /**
     * §7.2: verifies the assertion, then records the credential's use and runs {@code andThen} (opening
     * the session, say) in one transaction: the use, what follows from it and their audit events commit
     * together or not at all.
     */
    public <T> T finish(String tenantId, Set<CeremonyPurpose> accepted, Optional<String> handle,
            AuthenticationResponse response, ClientContext client, Function<AuthenticationResult, T> andThen) {
        Verified verified = audited(tenantId, response, () -> verify(tenantId, accepted, handle, response, client));
        return transaction.execute(status -> {
            audited(tenantId, response, () -> record(tenantId, verified));
            return andThen.apply(verified.result());
        });
    }

    /** An authentication that passed every check, before its use is recorded. */
    private record Verified(Credential credential, AuthenticatorFlags flags, AuthenticationResult result,
            PolicyAction action) {
    }

    /**
     * A rejection by the ceremony is audited, once, with its reason, even when the answer is the
     * username's {@code rate_limited} (whose cause the reason is); what {@code andThen} refuses audits
     * itself.
     */
    private <T> T audited(String tenantId, AuthenticationResponse response, Supplier<T> step) {
        try {
            return step.get();
        } catch (ApiException e) {
            ApiException reason = e.getCause() instanceof ApiException failure ? failure : e;
            UUID owner = credentials.find(tenantId, response.rawId()).map(Credential::customerId).orElse(null);
            CeremonyAudit.failed(events, tenantId, SecurityEventType.AUTHENTICATION_FAILED, reason, response.rawId(),
                    owner);
            throw e;
        }
    }

    private Verified verify(String tenantId, Set<CeremonyPurpose> accepted, Optional<String> handle,
            AuthenticationResponse response, ClientContext client) {
        Tenant tenant = tenants.require(tenantId);
        AuthenticationData data = verifier.parse(response);
        PendingCeremony pending = challenges.take(tenantId, CeremonyType.AUTHENTICATION, handle,
                data.getCollectedClientData().getChallenge().getValue());
        try {
            return verifyTaken(tenant, pending, data, response, client, accepted);
        } catch (ApiException e) {
            // Counted by the name the ceremony was started for, known or not, so the limit reveals nobody.
            // Beyond the name's failures the answer is rate_limited, without the reason; a success is never asked.
            if (pending.username() != null && countsAgainstTheName(pending.purpose())) {
                throw usernameFailures.failed(tenant, pending.username(), e);
            }
            throw e;
        }
    }

    /**
     * A sign-in anyone may start by naming a customer, so its failures count against the name. A
     * step-up or an approval is started with the customer's access token: its failures tell the
     * customer's own client why, whatever a stranger did under the name.
     */
    private static boolean countsAgainstTheName(CeremonyPurpose purpose) {
        return purpose == CeremonyPurpose.SIGN_IN || purpose == CeremonyPurpose.CONFORMANCE;
    }

    private Verified verifyTaken(Tenant tenant, PendingCeremony pending, AuthenticationData data,
            AuthenticationResponse response, ClientContext client, Set<CeremonyPurpose> accepted) {
        String tenantId = tenant.id();
        Credential credential = credentials.find(tenantId, response.rawId())
                .orElseThrow(() -> new ApiException(CeremonyProblem.CREDENTIAL_UNKNOWN));
        Customer owner = customers.findById(tenantId, credential.customerId())
                .orElseThrow(() -> new ApiException(CeremonyProblem.CREDENTIAL_UNKNOWN));
        AuthenticationVerifier.Verified verified;
        try {
            verified = verifier.verify(tenant, pending, data, credential, owner, client, accepted);
        } catch (ApiException e) {
            var authenticatorData = data.getAuthenticatorData();
            recordRefusal(tenant, pending, credential, new AuthenticatorFlags(authenticatorData.isFlagUP(),
                    authenticatorData.isFlagUV(), authenticatorData.isFlagBE(), authenticatorData.isFlagBS()), e);
            throw e;
        }
        RiskAssessment assessed = verified.risk();
        boolean restricted = applyFlag(tenant, credential, pending.purpose()) || assessed.restrictsTheSession();
        long signCount = data.getAuthenticatorData().getSignCount();
        return new Verified(credential, verified.flags(), new AuthenticationResult(owner.id(), owner.username(),
                owner.userHandle().base64Url(), Base64Url.encode(credential.credentialId()), credential.deviceId(),
                signCount, verified.flags(), credential.attestationTrust(),
                data.getCollectedClientData().getOrigin().toString(), contextAfter(tenant, pending.context(), assessed),
                restricted, credential.keyProtection(), assessed), pending.purpose().action());
    }

    /** A step-up the risk engine asked to step up must reach {@code risk.stepUpAcr} at the least ({@code acr_not_met}). */
    private static CeremonyContext contextAfter(Tenant tenant, CeremonyContext context, RiskAssessment risk) {
        String asked = context.requiredAcr();
        if (!risk.stepUp() || risk.attempt().action() != RiskAction.STEP_UP
                || (asked != null && tenant.sessions().atLeast(asked, risk.stepUpAcr()))) {
            return context;
        }
        return context.withRequiredAcr(risk.stepUpAcr());
    }

    /**
     * A credential flagged for its model's FIDO metadata status, once its assertion verified, gets what the
     * tenant's {@code flaggedAuthenticators} says (ADR 0040): nothing; a session at the weakest level
     * (audited with the sign-in), for the purposes that open or raise a session; or suspension, committed
     * on its own, and the ceremony refused whatever its purpose.
     *
     * @return whether the authentication is restricted
     */
    private boolean applyFlag(Tenant tenant, Credential credential, CeremonyPurpose purpose) {
        String flaggedStatus = credential.flaggedStatus();
        if (flaggedStatus == null) {
            return false;
        }
        return switch (tenant.policy().flaggedAuthenticators()) {
            case NONE -> false;
            case STEP_UP -> opensASession(purpose);
            case SUSPEND -> {
                credentials.suspendFlagged(credential);
                throw new ApiException(RiskProblem.CREDENTIAL_SUSPENDED,
                        "FIDO metadata reports this credential's model as " + flaggedStatus);
            }
        };
    }

    private static boolean opensASession(CeremonyPurpose purpose) {
        return purpose == CeremonyPurpose.SIGN_IN || purpose == CeremonyPurpose.STEP_UP
                || purpose == CeremonyPurpose.CONFORMANCE;
    }

    /**
     * The policy decision with its facts (docs/policy.md "Dry run"), in the caller's transaction. An
     * approval's decision is the signing module's, which records it with its amount.
     */
    private void recordDecision(PolicyAction action, Credential c, AuthenticatorFlags flags, CeremonyContext context) {
        if (action != PolicyAction.APPROVE_TRANSACTION) {
            decisions.record(c.tenantId(), action, PolicyEvaluation.ALLOWED, c.customerId(), facts(c, flags, context));
        }
    }

    /**
     * A refusal the tenant's policy made, on its own, as the failure is audited ({@link
     * PolicyDecisions#recordRefusal}). An approval's refusal is the signing module's, which records its own
     * steps' refusals with the amount; the ceremony does not know the amount, so it records none.
     */
    private void recordRefusal(Tenant tenant, PendingCeremony pending, Credential c, AuthenticatorFlags flags,
            ApiException refusal) {
        PolicyAction action = pending.purpose().action();
        if (action != PolicyAction.APPROVE_TRANSACTION) {
            decisions.recordRefusal(tenant, action, refusal, c.customerId(), facts(c, flags, pending.context()));
        }
    }

    private DecisionFacts facts(Credential c, AuthenticatorFlags flags, CeremonyContext context) {
        return RiskQuestions.facts(c, flags, metadata).withAcr(context.requiredAcr(), null);
    }

    /** §7.2 step 24: update credentialRecord with the new signCount and backupState. */
    private Verified record(String tenantId, Verified verified) {
        AuthenticationResult result = verified.result();
        if (!credentials.recordUse(verified.credential(), result.signCount(), verified.flags().backupState())) {
            throw new ApiException(CeremonyProblem.CREDENTIAL_STATE_CHANGED);
        }
        RequestContext.actor(RequestContext.ActorType.CUSTOMER, result.customerId().toString());
        recordDecision(verified.action(), verified.credential(), verified.flags(), result.context());
        risk.succeeded(Objects.requireNonNull(result.risk(), "risk"));
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.AUTHENTICATION_SUCCEEDED)
                .customer(result.customerId()).device(result.deviceId()).credential(result.credentialId())
                .channel(result.context().channel())
                .reason(verified.flags().userVerified() ? "user_verified" : "user_present").build());
        if (result.restricted()) {
            events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.CREDENTIAL_FLAG_APPLIED)
                    .customer(result.customerId()).device(result.deviceId()).credential(result.credentialId())
                    .reason("step_up").build());
        }
        return verified;
    }
}
