package io.biometriccore.risk;

import io.biometriccore.tenancy.PolicyAction;

/** The ceremonies the risk engine runs in, as the API and the audit log name them. */
public enum RiskAction {
    REGISTER("register"), SIGN_IN("signIn"), STEP_UP("stepUp"), CROSS_CHANNEL_APPROVAL("crossChannelApproval"),
    APPROVE_TRANSACTION("approveTransaction");

    private final String wireName;

    RiskAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The policy document's action whose rules apply: a cross-channel approval signs a browser in. */
    public PolicyAction policyAction() {
        return switch (this) {
            case REGISTER -> PolicyAction.REGISTER;
            case SIGN_IN, CROSS_CHANNEL_APPROVAL -> PolicyAction.SIGN_IN;
            case STEP_UP -> PolicyAction.STEP_UP;
            case APPROVE_TRANSACTION -> PolicyAction.APPROVE_TRANSACTION;
        };
    }
}
