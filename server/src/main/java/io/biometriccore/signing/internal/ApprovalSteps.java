package io.biometriccore.signing.internal;

import io.biometriccore.ceremonies.AuthenticationResult;
import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.credentials.AttestationTrust;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.signing.TransactionProblem;
import io.biometriccore.tenancy.Tenant;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Our steps of a transaction's approval, run after WebAuthn §7.2 has verified the assertion (the
 * ceremony's {@code AssertionSteps}) and before the approval is recorded, in this order. Each cites the
 * article of the PSD2 regulatory technical standards on strong customer authentication (Commission
 * Delegated Regulation (EU) 2018/389,
 * <a href="https://eur-lex.europa.eu/eli/reg_del/2018/389/oj">https://eur-lex.europa.eu/eli/reg_del/2018/389/oj</a>)
 * it implements, the SPC spec's section, or says it is ours. Art. 5(1)(a), the payer made aware of the amount and payee, is
 * the {@code display} the options carry, from the same stored canonical form; Art. 5(3) for a batch is
 * that form holding the total and every payee (docs/transactions.md).
 */
final class ApprovalSteps {

    /** One step: the article, or {@code ours:<name>}, and what it checks. */
    record Step(String id, String opening, Consumer<Approval> check) {
        Step {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(opening, "opening");
            Objects.requireNonNull(check, "check");
        }
    }

    /**
     * An approval to check: the stored transaction, the verified assertion, and the challenge the
     * client data carried.
     */
    record Approval(Tenant tenant, TransactionRepository.Stored transaction, AuthenticationResult result,
            byte[] clientChallenge, byte[] clientDataJson) {
        Approval {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(result, "result");
            clientChallenge = clientChallenge.clone();
            clientDataJson = clientDataJson.clone();
        }

        /** Whether the ceremony was a Secure Payment Confirmation on the merchant's page. */
        boolean spc() {
            return result.context().spcOrigin() != null;
        }
    }

    static final List<Step> STEPS = List.of(
            new Step("5(1)(b)", "The authentication code generated is specific to the amount of the payment"
                    + " transaction and the payee: the ceremony was started for this transaction",
                    ApprovalSteps::sameTransaction),
            new Step("5(1)(c)", "The authentication code accepted corresponds to the original specific amount"
                    + " and payee: the challenge is SHA-256(nonce || hash of the stored canonical form)",
                    ApprovalSteps::derivedChallenge),
            new Step("5(1)(d)", "Any change to the amount or the payee results in the invalidation of the"
                    + " authentication code: the stored canonical form still has the hash it was registered with",
                    ApprovalSteps::unchanged),
            new Step("spc:9.1", "SPC §9.1 (editor's draft of 2026-07-02): for a Secure Payment Confirmation,"
                    + " payment.rpId, topOrigin, payeeName, payeeOrigin, paymentEntitiesLogos, total and instrument"
                    + " are what the bank registered", ApprovalSteps::paymentAsRegistered),
            new Step("ours:customer", "The credential is the transaction's customer's",
                    ApprovalSteps::customersCredential),
            new Step("ours:user-verification", "User verification was performed, whatever the tenant's UV"
                    + " policy (Art. 4: two elements, possession and inherence or knowledge)",
                    ApprovalSteps::userVerified),
            new Step("ours:device-bound", "Above the tenant's signing.deviceBoundAbove for the currency, the"
                    + " credential is device-bound (BE=0)", ApprovalSteps::deviceBoundAboveThreshold),
            new Step("ours:trusted-attestation", "Above the tenant's transactionSigning.trustedAttestationAbove for"
                    + " the currency, the credential is device-bound and its attestation trusted",
                    ApprovalSteps::trustedAboveThreshold));

    private ApprovalSteps() {
    }

    static void verify(Approval approval) {
        STEPS.forEach(step -> step.check().accept(approval));
    }

    private static void sameTransaction(Approval a) {
        if (!a.transaction().id().equals(a.result().context().transactionId())) {
            throw new ApiException(TransactionProblem.TRANSACTION_MISMATCH);
        }
    }

    private static void derivedChallenge(Approval a) {
        String nonce = Objects.requireNonNull(a.result().context().transactionNonce(), "transactionNonce");
        byte[] expected = CanonicalJson.sha256(Base64Url.decode(nonce, "nonce"),
                Base64Url.decode(a.transaction().hash(), "hash"));
        if (!MessageDigest.isEqual(expected, a.clientChallenge())) {
            throw new ApiException(TransactionProblem.TRANSACTION_MISMATCH);
        }
    }

    private static void unchanged(Approval a) {
        if (!CanonicalJson.sha256Base64Url(a.transaction().canonical()).equals(a.transaction().hash())) {
            throw new IllegalStateException("The stored canonical form of transaction " + a.transaction().id()
                    + " no longer has its hash");
        }
    }

    private static void paymentAsRegistered(Approval a) {
        if (a.spc()) {
            SpcApprovalStep.verify(a.tenant(), CanonicalJson.tree(a.transaction().canonical()), a.clientDataJson());
        }
    }

    private static void customersCredential(Approval a) {
        // The options allow only the customer's credentials and §7.2 step 6 binds the ceremony's user:
        // another customer here is a bug, never a client's error.
        if (!a.result().customerId().equals(a.transaction().customerId())) {
            throw new IllegalStateException("approval of " + a.transaction().id() + " by another customer");
        }
    }

    private static void userVerified(Approval a) {
        if (!a.result().flags().userVerified()) {
            throw new ApiException(CeremonyProblem.USER_VERIFICATION_REQUIRED);
        }
    }

    private static void deviceBoundAboveThreshold(Approval a) {
        TransactionRepository.Stored t = a.transaction();
        if (a.tenant().signing().requiresDeviceBound(t.currency(), t.amountMinor())
                && !a.result().deviceBound()) {
            throw new ApiException(TransactionProblem.SIGNING_POLICY_DEVICE_BOUND_REQUIRED);
        }
    }

    private static void trustedAboveThreshold(Approval a) {
        TransactionRepository.Stored t = a.transaction();
        if (a.tenant().rules().requiresTrustedAttestation(t.currency(), t.amountMinor())
                && (!a.result().deviceBound() || a.result().attestationTrust() != AttestationTrust.TRUSTED)) {
            throw new ApiException(TransactionProblem.SIGNING_POLICY_TRUSTED_ATTESTATION_REQUIRED);
        }
    }
}
