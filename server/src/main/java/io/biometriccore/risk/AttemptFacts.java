package io.biometriccore.risk;

import io.biometriccore.credentials.Credential;
import io.biometriccore.tenancy.DecisionFacts;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a ceremony knows of an attempt when its signatures checked out, from which the {@link RiskEngine}
 * builds the {@link RiskAttempt} its signals see (where it came from, the device's posture, the history).
 *
 * @param customerId     the customer; null only for a new customer's first registration
 * @param credential     the credential record that signed; null at registration
 * @param signCount      the signature counter the authenticator presented (0 at registration)
 * @param bankContext    the bank's verified {@code context} of the options request
 * @param claimedPosture the device posture the client itself reported
 * @param requesterPlace a cross-channel approval: where the browser that asked to be signed in is, as the
 *                       locator placed its address when it asked
 */
public record AttemptFacts(String tenantId, RiskAction action, @Nullable UUID customerId,
        @Nullable Credential credential, DecisionFacts authenticator, long signCount, @Nullable String clientIp,
        @Nullable String userAgent, @Nullable BankContext bankContext, @Nullable DevicePosture claimedPosture,
        @Nullable Place requesterPlace) {

    public AttemptFacts {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(authenticator, "authenticator");
        if (claimedPosture != null && claimedPosture.trust() != DevicePosture.Trust.CLAIMED) {
            throw new IllegalArgumentException("the client's own posture report is a claim");
        }
    }
}
