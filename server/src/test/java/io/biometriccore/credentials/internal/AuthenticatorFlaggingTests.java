package io.biometriccore.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.tenancy.TenantPolicy;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which status change starts a flagging job for a tenant: one that newly falls in its statusDeny. */
class AuthenticatorFlaggingTests {

    private static final Set<String> DENY = TenantPolicy.DEFAULT_STATUS_DENY;

    @Test
    void aStatusNewlyInTheDenyListFlags() {
        assertThat(AuthenticatorFlagging.newlyDenied(DENY, "FIDO_CERTIFIED", "USER_KEY_REMOTE_COMPROMISE")).isTrue();
        assertThat(AuthenticatorFlagging.newlyDenied(DENY, null, "REVOKED")).isTrue();
    }

    @Test
    void aStatusDeniedAlreadyOrNotDeniedFlagsNothing() {
        assertThat(AuthenticatorFlagging.newlyDenied(DENY, "USER_KEY_REMOTE_COMPROMISE", "REVOKED")).isFalse();
        assertThat(AuthenticatorFlagging.newlyDenied(DENY, "FIDO_CERTIFIED", "UPDATE_AVAILABLE")).isFalse();
        assertThat(AuthenticatorFlagging.newlyDenied(Set.of(), "FIDO_CERTIFIED", "REVOKED")).isFalse();
    }
}
