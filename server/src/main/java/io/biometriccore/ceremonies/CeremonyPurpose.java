package io.biometriccore.ceremonies;

import io.biometriccore.risk.RiskAction;
import io.biometriccore.tenancy.PolicyAction;

/**
 * The route a ceremony was started for, recorded with its challenge. Each finishing route names the
 * purposes it finishes, so that an assertion or attestation made for one route cannot be spent on
 * another: the conformance routes cannot open a session with a step-up's challenge, the sign-in
 * route cannot approve a cross-channel request (ADR 0023).
 */
public enum CeremonyPurpose {
    /** Registration under open enrollment: a new customer only. */
    OPEN_ENROLLMENT,
    /** Registration redeeming an enrollment grant for the customer it names. */
    GRANT_ENROLLMENT,
    /** A sign-in that opens a session. */
    SIGN_IN,
    /** A step-up of the session that asked for it. */
    STEP_UP,
    /** A phone's approval of a cross-channel sign-in. */
    CROSS_CHANNEL_APPROVAL,
    /** A customer's approval of a registered transaction (PSD2 dynamic linking, ADR 0034). */
    TRANSACTION_APPROVAL,
    /**
     * A customer's approval of a registered transaction through Secure Payment Confirmation on a
     * merchant's page (ADR 0037): §7.2 step 10 expects {@code payment.get}, step 12 the merchant's origin.
     */
    SPC_APPROVAL,
    /** Either ceremony through the FIDO conformance routes of a tenant with the conformance profile. */
    CONFORMANCE;

    /** The policy document's action for what the ceremony was started for (docs/policy.md). */
    public PolicyAction action() {
        return switch (this) {
            case OPEN_ENROLLMENT, GRANT_ENROLLMENT -> PolicyAction.REGISTER;
            case SIGN_IN, CROSS_CHANNEL_APPROVAL, CONFORMANCE -> PolicyAction.SIGN_IN;
            case STEP_UP -> PolicyAction.STEP_UP;
            case TRANSACTION_APPROVAL, SPC_APPROVAL -> PolicyAction.APPROVE_TRANSACTION;
        };
    }

    /** The risk engine's name for the ceremony (docs/risk.md): the conformance routes' is a sign-in. */
    public RiskAction riskAction() {
        return switch (this) {
            case OPEN_ENROLLMENT, GRANT_ENROLLMENT -> RiskAction.REGISTER;
            case SIGN_IN, CONFORMANCE -> RiskAction.SIGN_IN;
            case STEP_UP -> RiskAction.STEP_UP;
            case CROSS_CHANNEL_APPROVAL -> RiskAction.CROSS_CHANNEL_APPROVAL;
            case TRANSACTION_APPROVAL, SPC_APPROVAL -> RiskAction.APPROVE_TRANSACTION;
        };
    }

    /** What an authentication was started for, as its context tells: an approval, a step-up or a sign-in. */
    public static CeremonyPurpose forAuthentication(CeremonyContext context) {
        if (context.transactionId() != null) {
            return context.spcOrigin() != null ? SPC_APPROVAL : TRANSACTION_APPROVAL;
        }
        if (context.crossChannelId() != null) {
            return CROSS_CHANNEL_APPROVAL;
        }
        return context.sessionId() != null ? STEP_UP : SIGN_IN;
    }
}
