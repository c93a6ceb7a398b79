package io.biometriccore.risk;

import io.biometriccore.credentials.CredentialStatus;
import io.biometriccore.shared.ProblemCode;
import java.util.Optional;

public enum RiskProblem implements ProblemCode {
    CREDENTIAL_SUSPENDED("credential_suspended", 403, "This credential is suspended"),
    CREDENTIAL_REVOKED("credential_revoked", 403, "This credential is revoked"),
    CREDENTIAL_SUSPECTED_CLONE("credential_suspected_clone", 403,
            "This credential is blocked because its authenticator may have been cloned"),
    /** The risk engine refused the attempt; which signals did is in the audit log, never in the answer. */
    RISK_DENIED("risk_denied", 403, "This attempt was refused"),
    /**
     * A registration (or a transaction approval the bank relays) the risk engine asked to step up, where
     * no session can: the bank confirms the customer out of band (for a registration, with a new grant).
     */
    RISK_STEP_UP_REQUIRED("risk_step_up_required", 403,
            "The bank must confirm the customer before this can go on"),
    RISK_ENGINE_NOT_FOUND("risk_engine_not_found", 404, "The tenant has no external risk engine"),
    CONTEXT_MALFORMED("context_malformed", 400, "The bank's context is not a compact JWS with the required claims"),
    CONTEXT_SIGNATURE_INVALID("context_signature_invalid", 400,
            "The bank's context is not signed ES256 by a context key of the tenant"),
    CONTEXT_AUDIENCE_MISMATCH("context_audience_mismatch", 400, "The bank's context is not for this tenant"),
    CONTEXT_EXPIRED("context_expired", 400, "The bank's context has expired"),
    CONTEXT_REPLAYED("context_replayed", 400, "The bank's context was used before"),
    CONTEXT_SUBJECT_MISMATCH("context_subject_mismatch", 400, "The bank's context is for another customer"),
    CONTEXT_KEY_INVALID("context_key_invalid", 400, "The context key is not a public EC P-256 JWK with a kid"),
    CONTEXT_KEY_PRIVATE("context_key_private", 400, "The context key holds a private key, which must stay with the bank"),
    CONTEXT_KEY_EXISTS("context_key_exists", 409, "The tenant already has a context key with this kid"),
    CONTEXT_KEY_NOT_FOUND("context_key_not_found", 404, "The tenant has no context key with this kid"),
    CONTEXT_KEYS_FULL("context_keys_full", 409, "The tenant has as many context keys as it may");

    private final Definition definition;

    RiskProblem(String code, int status, String title) { definition = new Definition(code, status, title); }

    @Override public Definition definition() { return definition; }

    /** Why a credential in this state may not sign in; empty for an active one. The one copy of the rule. */
    public static Optional<RiskProblem> refusing(CredentialStatus status) {
        return switch (status) {
            case ACTIVE -> Optional.empty();
            case SUSPENDED -> Optional.of(CREDENTIAL_SUSPENDED);
            case REVOKED -> Optional.of(CREDENTIAL_REVOKED);
            case SUSPECTED_CLONE -> Optional.of(CREDENTIAL_SUSPECTED_CLONE);
        };
    }
}
