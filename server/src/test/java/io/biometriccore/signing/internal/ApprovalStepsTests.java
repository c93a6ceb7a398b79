package io.biometriccore.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.ceremonies.AuthenticationResult;
import io.biometriccore.ceremonies.AuthenticatorFlags;
import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.credentials.KeyProtection;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.signing.internal.TransactionRepository.Status;
import io.biometriccore.signing.internal.TransactionRepository.Stored;
import io.biometriccore.tenancy.PolicyRules;
import io.biometriccore.tenancy.RateLimits;
import io.biometriccore.tenancy.RiskPolicy;
import io.biometriccore.tenancy.RetentionPolicy;
import io.biometriccore.tenancy.SessionPolicy;
import io.biometriccore.tenancy.SigningPolicy;
import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantPolicy;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Our steps of an approval, each run on its own, organised by the PSD2 RTS article it implements. */
class ApprovalStepsTests {

    private static final byte[] CANONICAL = CanonicalJson.bytes(Map.of("id", "t", "amount",
            Map.of("value", "1250.00", "currency", "EUR")));
    private static final String HASH = CanonicalJson.sha256Base64Url(CANONICAL);
    private static final byte[] NONCE = new byte[32];
    private static final byte[] CHALLENGE = CanonicalJson.sha256(NONCE, Base64Url.decode(HASH, "hash"));

    private final UUID customer = UUID.randomUUID();
    private final Stored transaction = new Stored("bank", UUID.randomUUID(), customer, "payment", "EUR", 125000,
            CANONICAL, HASH, Status.PENDING, Instant.EPOCH, Instant.EPOCH.plusSeconds(300), null, null, null, null);

    @Test
    void listsEveryStepWithTheArticleItImplements() {
        assertThat(ApprovalSteps.STEPS).extracting(ApprovalSteps.Step::id).containsExactly("5(1)(b)", "5(1)(c)",
                "5(1)(d)", "spc:9.1", "ours:customer", "ours:user-verification", "ours:device-bound",
                "ours:trusted-attestation");
    }

    @Test
    void passesAnApprovalOfThisTransactionWithItsDerivedChallenge() {
        assertThatCode(() -> ApprovalSteps.verify(approval(transaction.id(), CHALLENGE, flags(true, false), 0)))
                .doesNotThrowAnyException();
    }

    @Test
    void article5_1bRefusesAnAssertionStartedForAnotherTransaction() {
        assertRefused(() -> step("5(1)(b)", approval(UUID.randomUUID(), CHALLENGE, flags(true, false), 0)),
                "transaction_mismatch");
    }

    @Test
    void article5_1cRefusesAChallengeNotDerivedFromTheStoredHash() {
        byte[] other = CanonicalJson.sha256(NONCE, CanonicalJson.sha256("another".getBytes()));
        assertRefused(() -> step("5(1)(c)", approval(transaction.id(), other, flags(true, false), 0)),
                "transaction_mismatch");
    }

    @Test
    void article5_1dRefusesAStoredFormThatNoLongerHasItsHash() {
        Stored altered = new Stored("bank", transaction.id(), customer, "payment", "EUR", 125000,
                CanonicalJson.bytes(Map.of("id", "t", "amount", Map.of("value", "9250.00", "currency", "EUR"))), HASH,
                Status.PENDING, Instant.EPOCH, Instant.EPOCH.plusSeconds(300), null, null, null, null);
        ApprovalSteps.Approval approval = new ApprovalSteps.Approval(tenant(), altered,
                result(transaction.id(), flags(true, false)), CHALLENGE, new byte[0]);
        assertThatThrownBy(() -> step("5(1)(d)", approval)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAnAssertionWithoutUserVerification() {
        assertRefused(() -> step("ours:user-verification", approval(transaction.id(), CHALLENGE, flags(false, false), 0)),
                "user_verification_required");
    }

    @Test
    void refusesASyncedPasskeyAboveTheThresholdOnly() {
        assertRefused(() -> step("ours:device-bound", approval(transaction.id(), CHALLENGE, flags(true, true), 124999)),
                "signing_policy_device_bound_required");
        assertThatCode(() -> step("ours:device-bound", approval(transaction.id(), CHALLENGE, flags(true, true), 125000)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesABackupIneligibleCredentialWhoseModelKeepsItsKeysInSoftwareAboveTheThreshold() {
        ApprovalSteps.Approval software = new ApprovalSteps.Approval(tenant(124999), transaction,
                result(flags(true, false), AttestationTrust.TRUSTED, KeyProtection.SOFTWARE), CHALLENGE, new byte[0]);
        ApprovalSteps.Approval hardware = new ApprovalSteps.Approval(tenant(124999), transaction,
                result(flags(true, false), AttestationTrust.TRUSTED, KeyProtection.HARDWARE), CHALLENGE, new byte[0]);

        assertRefused(() -> step("ours:device-bound", software), "signing_policy_device_bound_required");
        assertThatCode(() -> step("ours:device-bound", hardware)).doesNotThrowAnyException();
    }

    @Test
    void refusesATrustedCredentialWhoseModelKeepsItsKeysInSoftwareAboveTrustedAttestationAbove() {
        Tenant above = tenant().withPolicy(TenantPolicy.defaults(), SessionPolicy.defaults(), tenant().signing(),
                new PolicyRules(null, Set.of(), Map.of(), Set.of(), Set.of(), "aal2", Map.of("EUR", 124999L), RiskPolicy.defaults()));

        assertRefused(() -> step("ours:trusted-attestation", new ApprovalSteps.Approval(above, transaction,
                result(flags(true, false), AttestationTrust.TRUSTED, KeyProtection.SOFTWARE), CHALLENGE, new byte[0])),
                "signing_policy_trusted_attestation_required");
    }

    @Test
    void refusesAnUntrustedOrSyncedCredentialAboveTrustedAttestationAboveOnly() {
        Tenant above = tenant().withPolicy(TenantPolicy.defaults(), SessionPolicy.defaults(), tenant().signing(),
                new PolicyRules(null, Set.of(), Map.of(), Set.of(), Set.of(), "aal2", Map.of("EUR", 124999L), RiskPolicy.defaults()));
        Tenant at = tenant().withPolicy(TenantPolicy.defaults(), SessionPolicy.defaults(), tenant().signing(),
                new PolicyRules(null, Set.of(), Map.of(), Set.of(), Set.of(), "aal2", Map.of("EUR", 125000L), RiskPolicy.defaults()));

        assertRefused(() -> step("ours:trusted-attestation", approval(above, flags(true, false), AttestationTrust.SELF)),
                "signing_policy_trusted_attestation_required");
        assertRefused(() -> step("ours:trusted-attestation", approval(above, flags(true, true), AttestationTrust.TRUSTED)),
                "signing_policy_trusted_attestation_required");
        assertThatCode(() -> step("ours:trusted-attestation", approval(above, flags(true, false),
                AttestationTrust.TRUSTED))).doesNotThrowAnyException();
        assertThatCode(() -> step("ours:trusted-attestation", approval(at, flags(true, true), AttestationTrust.NONE)))
                .doesNotThrowAnyException();
    }

    private ApprovalSteps.Approval approval(Tenant tenant, AuthenticatorFlags flags, AttestationTrust trust) {
        AuthenticationResult result = new AuthenticationResult(customer, "alice", "dXNlcg", "Y3JlZA", UUID.randomUUID(),
                1, flags, trust, "https://login.bank.example",
                CeremonyContext.transactionApproval(transaction.id(), Base64Url.encode(NONCE), "web"));
        return new ApprovalSteps.Approval(tenant, transaction, result, CHALLENGE, new byte[0]);
    }

    private AuthenticationResult result(AuthenticatorFlags flags, AttestationTrust trust, KeyProtection keys) {
        return new AuthenticationResult(customer, "alice", "dXNlcg", "Y3JlZA", UUID.randomUUID(), 1, flags, trust,
                "https://login.bank.example",
                CeremonyContext.transactionApproval(transaction.id(), Base64Url.encode(NONCE), "web"), false, keys);
    }

    private static void step(String id, ApprovalSteps.Approval approval) {
        ApprovalSteps.STEPS.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().check().accept(approval);
    }

    private ApprovalSteps.Approval approval(UUID startedFor, byte[] clientChallenge, AuthenticatorFlags flags,
            long threshold) {
        return new ApprovalSteps.Approval(tenant(threshold), transaction, result(startedFor, flags), clientChallenge,
                new byte[0]);
    }

    private AuthenticationResult result(UUID startedFor, AuthenticatorFlags flags) {
        return new AuthenticationResult(customer, "alice", "dXNlcg", "Y3JlZA", UUID.randomUUID(), 1, flags,
                AttestationTrust.NONE, "https://login.bank.example",
                CeremonyContext.transactionApproval(startedFor, Base64Url.encode(NONCE), "web"));
    }

    private static AuthenticatorFlags flags(boolean userVerified, boolean backupEligible) {
        return new AuthenticatorFlags(true, userVerified, backupEligible, backupEligible);
    }

    private static Tenant tenant() {
        return tenant(Long.MAX_VALUE);
    }

    private static Tenant tenant(long eurThreshold) {
        return new Tenant("bank", "bank.example", "Bank", List.of("https://login.bank.example"), false, false,
                TenantPolicy.defaults(), SessionPolicy.defaults(), RetentionPolicy.defaults(), RateLimits.defaults(),
                List.of(), new SigningPolicy(Map.of("EUR", eurThreshold), List.of(), Period.ofYears(10)));
    }

    private static void assertRefused(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.problem().code()).isEqualTo(code));
    }
}
