package io.biometriccore.signing;

import io.biometriccore.shared.ProblemCode;

/** Why a transaction request was refused. The codes are part of the public contract (and the verifier's). */
public enum TransactionProblem implements ProblemCode {
    TRANSACTION_NOT_FOUND("transaction_not_found", 404, "No such transaction"),
    TRANSACTION_NOT_PENDING("transaction_not_pending", 409, "The transaction is no longer pending"),
    TRANSACTION_EXPIRED("transaction_expired", 409, "The transaction has expired"),
    TRANSACTION_MISMATCH("transaction_mismatch", 400, "The assertion was made for another transaction"),
    TRANSACTION_INVALID("transaction_invalid", 400, "The transaction is not valid"),
    SIGNING_POLICY_TRUSTED_ATTESTATION_REQUIRED("signing_policy_trusted_attestation_required", 403,
            "Above the tenant's trustedAttestationAbove only a device-bound credential with trusted attestation may approve"),
    SIGNING_POLICY_DEVICE_BOUND_REQUIRED("signing_policy_device_bound_required", 403,
            "Above the tenant's threshold only a device-bound passkey may approve"),
    EVIDENCE_NOT_AVAILABLE("evidence_not_available", 409, "The transaction has no evidence: it was not approved"),
    SPC_NOT_REGISTERED("spc_not_registered", 409,
            "The transaction was not registered for Secure Payment Confirmation"),
    SPC_PAYMENT_MALFORMED("spc_payment_malformed", 400,
            "The assertion's payment data is not what Secure Payment Confirmation defines"),
    SPC_RP_ID_MISMATCH("spc_rp_id_mismatch", 400, "The payment data names another relying party"),
    SPC_TOP_ORIGIN_MISMATCH("spc_top_origin_mismatch", 400,
            "The payment was confirmed on another page than the registered merchant's"),
    SPC_PAYEE_MISMATCH("spc_payee_mismatch", 400, "The payment data shows another payee than the registered one"),
    SPC_TOTAL_MISMATCH("spc_total_mismatch", 400, "The payment data shows another total than the registered amount"),
    SPC_INSTRUMENT_MISMATCH("spc_instrument_mismatch", 400,
            "The payment data shows another instrument than the registered one");

    private final Definition definition;

    TransactionProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }
}
