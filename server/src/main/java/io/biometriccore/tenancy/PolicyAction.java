package io.biometriccore.tenancy;

/** What a credential is used for, as the policy document's per-action members name it (docs/policy.md). */
public enum PolicyAction {
    REGISTER("register"), SIGN_IN("signIn"), STEP_UP("stepUp"), APPROVE_TRANSACTION("approveTransaction");

    private final String member;

    PolicyAction(String member) {
        this.member = member;
    }

    /** The member's name in the policy document. */
    public String member() {
        return member;
    }
}
