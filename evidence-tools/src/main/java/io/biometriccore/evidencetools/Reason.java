package io.biometriccore.evidencetools;

/**
 * Why a check failed: a stable machine-readable id ({@link #id()}), the same in the plain output, in
 * {@code --json} and in docs/transactions.md, so scripts and auditors can rely on it.
 */
public enum Reason {
    /** A member the check reads is missing or has the wrong type or encoding. */
    EVIDENCE_MALFORMED("evidence_malformed"),
    /** The platform JWS names a key ({@code kid}) the key set does not hold. */
    EVIDENCE_KEY_UNKNOWN("evidence_key_unknown"),
    /** The platform JWS is not ES256 with {@code typ bc-evidence+json}, or its signature does not verify. */
    PLATFORM_SIGNATURE_INVALID("platform_signature_invalid"),
    /** The signed payload is not its own RFC 8785 canonical form. */
    EVIDENCE_NOT_CANONICAL("evidence_not_canonical"),
    /** The evidence is of another tenant or transaction than the bundle says. */
    TRANSACTION_ID_MISMATCH("transaction_id_mismatch"),
    /** {@code transactionHash} is not SHA-256 of the canonical transaction. */
    TRANSACTION_HASH_MISMATCH("transaction_hash_mismatch"),
    /** {@code challenge.value} is not SHA-256(nonce ‖ transactionHash). */
    CHALLENGE_DERIVATION_INVALID("challenge_derivation_invalid"),
    /** The challenge the authenticator signed (clientDataJSON) is not {@code challenge.value}. */
    CHALLENGE_NOT_BOUND("challenge_not_bound"),
    /** clientDataJSON's type is not webauthn.get (method webauthn) or payment.get (method spc). */
    CLIENT_DATA_TYPE_INVALID("client_data_type_invalid"),
    /** clientDataJSON's origin is not one of the relying party's origins. */
    ORIGIN_NOT_ALLOWED("origin_not_allowed"),
    /** authenticatorData's rpIdHash is not SHA-256 of the relying party id. */
    RP_ID_HASH_MISMATCH("rp_id_hash_mismatch"),
    /** The UP flag is not set. */
    USER_NOT_PRESENT("user_not_present"),
    /** The UV flag is not set. */
    USER_NOT_VERIFIED("user_not_verified"),
    /** The BE flag of authenticatorData contradicts {@code credential.backupEligible}. */
    BACKUP_ELIGIBILITY_MISMATCH("backup_eligibility_mismatch"),
    /** The transaction's customer, the evidence's customer and the assertion's userHandle disagree. */
    CUSTOMER_MISMATCH("customer_mismatch"),
    /** The credential public key is not a COSE key of the stated algorithm. */
    CREDENTIAL_KEY_INVALID("credential_key_invalid"),
    /** The WebAuthn signature does not verify over authenticatorData ‖ SHA-256(clientDataJSON). */
    WEBAUTHN_SIGNATURE_INVALID("webauthn_signature_invalid"),
    /** An SPC assertion's clientData.payment does not state the transaction (the detail names the field). */
    SPC_PAYMENT_MISMATCH("spc_payment_mismatch"),
    /** The bundle has no audit event. */
    AUDIT_EVENT_MISSING("audit_event_missing"),
    /** The audit event is not a transaction.approved event. */
    AUDIT_EVENT_TYPE_INVALID("audit_event_type_invalid"),
    /** The audit event's reason is not sha256: of this JWS, or it is of another tenant. */
    AUDIT_EVENT_NOT_BOUND("audit_event_not_bound"),
    /** The bundle has no inclusion proof and {@code --require-inclusion} was given. */
    INCLUSION_PROOF_MISSING("inclusion_proof_missing"),
    /** The proof's leafHash is not the audit event's leaf hash at leafIndex. */
    LEAF_HASH_MISMATCH("leaf_hash_mismatch"),
    /** The audit path does not lead from the leaf to the tree head's root (RFC 9162 §2.1.3.2). */
    INCLUSION_PROOF_INVALID("inclusion_proof_invalid"),
    /** The tree head's JWS is not ES256 by a key of the set over exactly its values. */
    TREE_HEAD_SIGNATURE_INVALID("tree_head_signature_invalid");

    private final String id;

    Reason(String id) {
        this.id = id;
    }

    /** The stable wire id, e.g. {@code webauthn_signature_invalid}. */
    public String id() {
        return id;
    }
}
