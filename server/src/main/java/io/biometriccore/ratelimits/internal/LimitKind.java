package io.biometriccore.ratelimits.internal;

/** The four limits, named as the {@code limit} tag of the rejection counter and in bucket keys. */
public enum LimitKind {
    ADDRESS_REQUESTS("address_requests"),
    ADDRESS_FAILURES("address_failures"),
    USERNAME_FAILURES("username_failures"),
    TENANT_REQUESTS("tenant_requests");

    private final String tag;

    LimitKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
