package io.biometriccore.sessions;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why a session was ended. The wire names are spelled out because they outlive the code: the session
 * keeps its reason ({@code revokedReason} of the API), and the {@code token.revoked} audit event carries
 * it, which a customer's activity reads back to say why their session ended.
 */
public enum RevocationReason {
    /** The customer signed out of all their sessions. */
    SIGNED_OUT_EVERYWHERE("signed_out_everywhere"),
    /** The bank's backend ended the session, or all of the customer's. */
    REVOKED_BY_BANK("revoked_by_bank"),
    DEVICE_SUSPENDED("device_suspended"),
    DEVICE_REVOKED("device_revoked"),
    /** The device's signature counter went backwards (§6.1.1): what the passkey opened ends with it. */
    DEVICE_SUSPECTED_CLONE("device_suspected_clone"),
    CUSTOMER_DELETED("customer_deleted"),
    /** A rotated refresh token was presented again: the whole family is ended, with no {@code token.revoked} event. */
    REFRESH_TOKEN_REUSE("refresh_token_reuse");

    private static final Map<String, RevocationReason> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(RevocationReason::wireName, Function.identity()));

    private final String wireName;

    RevocationReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The reason of a session or event read back as text; empty for one this version does not know. */
    public static Optional<RevocationReason> fromWire(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }
}
