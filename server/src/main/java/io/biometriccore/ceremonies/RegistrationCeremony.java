package io.biometriccore.ceremonies;

import com.webauthn4j.data.RegistrationData;
import io.biometriccore.ceremonies.PublicKeyCredentialCreationOptionsJSON.AuthenticatorSelectionCriteria;
import io.biometriccore.ceremonies.PublicKeyCredentialCreationOptionsJSON.PublicKeyCredentialParameters;
import io.biometriccore.ceremonies.PublicKeyCredentialCreationOptionsJSON.PublicKeyCredentialRpEntity;
import io.biometriccore.ceremonies.PublicKeyCredentialCreationOptionsJSON.PublicKeyCredentialUserEntityJSON;
import io.biometriccore.ceremonies.internal.CeremonyChallenges;
import io.biometriccore.ceremonies.internal.CeremonyType;
import io.biometriccore.ceremonies.internal.GrantRepository;
import io.biometriccore.ceremonies.internal.PendingCeremony;
import io.biometriccore.ceremonies.internal.RegistrationVerifier;
import io.biometriccore.ceremonies.internal.RegistrationVerifier.VerifiedRegistration;
import io.biometriccore.credentials.Credentials;
import io.biometriccore.credentials.NewCredential;
import io.biometriccore.credentials.RegisteredCredential;
import io.biometriccore.identity.Customer;
import io.biometriccore.identity.CustomerNames;
import io.biometriccore.identity.Customers;
import io.biometriccore.identity.UserHandle;
import io.biometriccore.risk.AttemptFacts;
import io.biometriccore.risk.RiskAction;
import io.biometriccore.risk.RiskAssessment;
import io.biometriccore.risk.RiskEngine;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.metadata.AuthenticatorMetadata;
import io.biometriccore.metadata.MetadataEntry;
import io.biometriccore.tenancy.DecisionFacts;
import io.biometriccore.tenancy.PolicyAction;
import io.biometriccore.tenancy.PolicyDecisions;
import io.biometriccore.tenancy.PolicyEvaluation;
import io.biometriccore.tenancy.Requirement;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import io.biometriccore.tenancy.Tenants;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registration ceremony (WebAuthn L3 §7.1), redeeming an enrollment grant or, for tenants with
 * open enrollment, without one, for a new customer only. Options bind a fresh challenge to the
 * tenant, the user, the grant and the purpose; the response is parsed, its challenge finds the
 * ceremony, and {@code RegistrationSteps} run §7.1 in order. Then (steps 26 and 28) the grant is spent and the customer, credential and device are
 * stored, all in one transaction; the credential's unique key still refuses a concurrent duplicate.
 */
@Service
public class RegistrationCeremony {

    private final Tenants tenants;
    private final Customers customers;
    private final Credentials credentials;
    private final CeremonyChallenges challenges;
    private final RegistrationVerifier verifier;
    private final EnrollmentGrants grants;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final PolicyDecisions decisions;
    private final AuthenticatorMetadata metadata;
    private final RiskEngine risk;

    RegistrationCeremony(Tenants tenants, Customers customers, Credentials credentials, CeremonyChallenges challenges,
            RegistrationVerifier verifier, EnrollmentGrants grants, TransactionTemplate transaction,
            ApplicationEventPublisher events, PolicyDecisions decisions, AuthenticatorMetadata metadata,
            RiskEngine risk) {
        this.risk = risk;
        this.decisions = decisions;
        this.metadata = metadata;
        this.tenants = tenants;
        this.customers = customers;
        this.credentials = credentials;
        this.challenges = challenges;
        this.verifier = verifier;
        this.grants = grants;
        this.transaction = transaction;
        this.events = events;
    }

    /**
     * §5.4 creation options for a new customer under open enrollment. Whether the username is taken is
     * neither looked up nor shown: every call gets a fresh user handle and no {@code excludeCredentials},
     * and a taken username fails at the end with {@code username_unavailable}, creating nothing (ADR 0023).
     */
    public Started<PublicKeyCredentialCreationOptionsJSON> start(String tenantId, RegistrationStart start) {
        Tenant tenant = tenants.require(tenantId);
        tenant.requireOpenEnrollment();
        String username = validName(start.username(), "username");
        return begin(tenant, start, CeremonyPurpose.OPEN_ENROLLMENT, UserHandle.generate(), Optional.empty(),
                username, displayName(start, username), CeremonyContext.NONE);
    }

    /**
     * §5.4 creation options for the FIDO conformance routes, which register several credentials under
     * one username and expect {@code excludeCredentials} to list them: an existing customer of that name
     * gets the credential. Only tenants with the conformance profile, never production ones (ADR 0005).
     *
     * @throws ApiException {@code conformance_profile_disabled}
     */
    public Started<PublicKeyCredentialCreationOptionsJSON> startForConformance(String tenantId,
            RegistrationStart start) {
        Tenant tenant = tenants.require(tenantId);
        tenant.requireConformanceProfile();
        String username = validName(start.username(), "username");
        Optional<Customer> existing = customers.findByUsername(tenantId, username);
        UserHandle userHandle = existing.map(Customer::userHandle).orElseGet(UserHandle::generate);
        return begin(tenant, start, CeremonyPurpose.CONFORMANCE, userHandle, existing, username,
                displayName(start, username), CeremonyContext.NONE);
    }

    /**
     * §5.4 creation options for the customer an enrollment grant names. The grant is checked here and
     * spent when the result is stored, so a cancelled prompt does not waste it.
     *
     * @throws ApiException {@code enrollment_grant_invalid}
     */
    public Started<PublicKeyCredentialCreationOptionsJSON> startWithGrant(String tenantId, String grant,
            RegistrationStart start) {
        Tenant tenant = tenants.require(tenantId);
        GrantRepository.Redeemable redeemable = grants.redeemable(tenantId, grant);
        Customer customer = customers.require(tenantId, redeemable.customerId());
        return begin(tenant, start, CeremonyPurpose.GRANT_ENROLLMENT, customer.userHandle(), Optional.of(customer),
                customer.username(), customer.displayName(), CeremonyContext.grant(redeemable.id()));
    }

    private static String displayName(RegistrationStart start, String username) {
        return start.displayName() == null || start.displayName().isBlank()
                ? username : validName(start.displayName(), "displayName");
    }

    private Started<PublicKeyCredentialCreationOptionsJSON> begin(Tenant tenant, RegistrationStart start,
            CeremonyPurpose purpose, UserHandle userHandle, Optional<Customer> existing, String username,
            String displayName, CeremonyContext context) {
        TenantPolicy policy = tenant.policy();
        Requirement policyUv = tenant.rules().userVerification(PolicyAction.REGISTER);
        Requirement uv = Policies.userVerification(policyUv, start.userVerification());
        PendingCeremony pending = new PendingCeremony(challenges.newHandle(), tenant.id(), CeremonyType.REGISTRATION,
                purpose, challenges.newChallenge(), userHandle.base64Url(), existing.map(Customer::id).orElse(null),
                username, displayName,
                Policies.userVerificationRequired(policyUv, start.userVerification()),
                policy.allowedAlgorithms().stream().map(a -> a.coseIdentifier()).toList(), List.of(),
                challenges.expiry(policy.challengeTimeout()), context.withRisk(start.risk().bank(),
                        start.risk().claimed()));
        challenges.save(pending);
        return new Started<>(pending.handle(), options(tenant, pending, start, uv, existing));
    }

    /**
     * §7.1: verifies the response and stores the credential.
     *
     * @param accepted the purposes the calling route finishes; a ceremony started for another fails
     *                 with {@code ceremony_purpose_mismatch}
     */
    public RegistrationResult finish(String tenantId, Set<CeremonyPurpose> accepted, Optional<String> handle,
            RegistrationResponse response, ClientContext client) {
        try {
            return verifyAndStore(tenantId, accepted, handle, response, client);
        } catch (ApiException e) {
            CeremonyAudit.failed(events, tenantId, SecurityEventType.REGISTRATION_FAILED, e, response.rawId(), null);
            throw e;
        }
    }

    private RegistrationResult verifyAndStore(String tenantId, Set<CeremonyPurpose> accepted, Optional<String> handle,
            RegistrationResponse response, ClientContext client) {
        Tenant tenant = tenants.require(tenantId);
        RegistrationData data = verifier.parse(response);
        PendingCeremony pending = challenges.take(tenantId, CeremonyType.REGISTRATION, handle,
                data.getCollectedClientData().getChallenge().getValue());
        UUID grantId = pending.context().grantId();
        VerifiedRegistration verified = verifier.verify(tenant, pending, data, response.rawId(), accepted,
                (established, refusal) -> decisions.recordRefusal(tenant, PolicyAction.REGISTER, refusal,
                        pending.customerId(), facts(established)));
        RiskAssessment assessed = assess(pending, verified, client);
        return transaction.execute(status -> {
            if (grantId != null) {
                UUID customerId = Objects.requireNonNull(pending.customerId());
                customers.lock(tenantId, customerId)
                        .orElseThrow(() -> new ApiException(CeremonyProblem.ENROLLMENT_GRANT_INVALID));
                grants.consume(tenantId, grantId, customerId);
            }
            RegistrationResult stored = store(pending, verified, response, client);
            risk.succeeded(assessed);
            return stored;
        });
    }

    /**
     * The risk engine, once §7.1 passed: a {@code step_up} has no session to step up, so the bank confirms
     * the customer out of band and issues a new grant ({@code risk_step_up_required}).
     */
    private RiskAssessment assess(PendingCeremony pending, VerifiedRegistration v, ClientContext client) {
        CeremonyContext context = pending.context();
        RiskAssessment assessed = risk.assess(new AttemptFacts(pending.tenantId(), RiskAction.REGISTER,
                pending.customerId(), null, facts(v), v.signCount(), client.clientIp(), client.userAgent(),
                context.bankContext(), context.claimedPosture(), null));
        if (assessed.stepUp()) {
            risk.refused(assessed);
            throw new ApiException(RiskProblem.RISK_STEP_UP_REQUIRED);
        }
        return assessed;
    }

    private RegistrationResult store(PendingCeremony pending, VerifiedRegistration v, RegistrationResponse response,
            ClientContext client) {
        String tenantId = pending.tenantId();
        UserHandle userHandle = new UserHandle(Base64Url.decode(pending.userHandle(), "userHandle"));
        UUID customerId = pending.customerId();
        Customer customer = (customerId == null
                ? customers.create(tenantId, userHandle, pending.username(), pending.displayName())
                : customers.lock(tenantId, customerId))
                .orElseThrow(() -> new ApiException(CeremonyProblem.USERNAME_UNAVAILABLE));
        RegisteredCredential registered = credentials.register(new NewCredential(tenantId, customer.id(),
                v.credentialId(), v.publicKeyCose(), v.algorithm(), v.signCount(), v.aaguid(), response.transports(),
                v.userVerified(), v.backupEligible(), v.backupState(), v.format(), v.trust(), client.userAgent(),
                v.keyProtection(), v.attachmentHint()))
                .orElseThrow(() -> new ApiException(CeremonyProblem.CREDENTIAL_ALREADY_REGISTERED));
        decisions.record(tenantId, PolicyAction.REGISTER, PolicyEvaluation.ALLOWED, customer.id(), facts(v));
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.REGISTRATION_SUCCEEDED)
                .customer(customer.id()).device(registered.device().id()).credential(Base64Url.encode(v.credentialId()))
                .reason(v.format() + "/" + v.trust().name().toLowerCase(java.util.Locale.ROOT))
                .personal("username", customer.username()).personal("deviceName", registered.device().name()).build());
        return new RegistrationResult(customer.id(), customer.username(), Base64Url.encode(v.credentialId()),
                registered.device().id(), registered.device().name(), v.format(), v.trust(),
                new AuthenticatorFlags(true, v.userVerified(), v.backupEligible(), v.backupState()));
    }

    /** What the registration was decided on (docs/policy.md "Dry run"). */
    private DecisionFacts facts(VerifiedRegistration v) {
        return DecisionFacts.of(v.aaguid(), v.format(), v.trust().name().toLowerCase(java.util.Locale.ROOT),
                v.userVerified(), v.backupEligible(), v.backupState(), v.keyProtection().deviceBound(v.backupEligible()),
                metadata.findByAaguid(v.aaguid()).map(MetadataEntry::statuses).orElse(Set.of()));
    }

    private PublicKeyCredentialCreationOptionsJSON options(Tenant tenant, PendingCeremony pending,
            RegistrationStart start, Requirement uv, Optional<Customer> existing) {
        TenantPolicy policy = tenant.policy();
        Requirement residentKey = start.residentKey() != null ? start.residentKey() : policy.residentKey();
        var attestation = start.attestation() != null ? start.attestation() : policy.attestation();
        List<PublicKeyCredentialDescriptorJSON> exclude = existing
                .map(c -> CredentialDescriptors.of(credentials.listForCustomer(tenant.id(), c.id())))
                .orElse(List.of());
        return new PublicKeyCredentialCreationOptionsJSON(
                new PublicKeyCredentialRpEntity(tenant.rpId(), tenant.rpName()),
                new PublicKeyCredentialUserEntityJSON(pending.userHandle(), pending.username(), pending.displayName()),
                pending.challenge(),
                pending.algorithms().stream().map(PublicKeyCredentialParameters::publicKey).toList(),
                policy.challengeTimeout().toMillis(), exclude,
                new AuthenticatorSelectionCriteria(residentKey.webAuthnValue(), residentKey == Requirement.REQUIRED,
                        uv.webAuthnValue()),
                List.of(), attestation.webAuthnValue(), Map.of("credProps", true));
    }

    static String validName(String value, String member) {
        try {
            return CustomerNames.requireValid(value, member);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, e.getMessage());
        }
    }
}
