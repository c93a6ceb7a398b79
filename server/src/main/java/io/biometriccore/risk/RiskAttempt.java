package io.biometriccore.risk;

import io.biometriccore.credentials.Credential;
import io.biometriccore.tenancy.DecisionFacts;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One attempt as every {@link RiskSignal} sees it: a ceremony whose signatures checked out, with what
 * is known of where it came from and of the customer's history. Signals read it; they never change it.
 *
 * @param customerId     the customer the attempt is for; null only for a new customer's first registration
 * @param credential     the credential record that signed; null at registration
 * @param authenticator  the authenticator's facts: model, attestation trust, UV, BE, BS, MDS3 statuses
 * @param signCount      the signature counter the authenticator presented (0 at registration)
 * @param place          where the attempt came from: the bank's context, else the location database
 * @param posture        the device's posture, the most trusted report there is (attested over signed over claimed)
 * @param requesterPlace a cross-channel approval: where the browser that asked to be signed in is
 * @param history        the customer's earlier successes; {@link CustomerHistory#NONE} for a new one
 */
public record RiskAttempt(String tenantId, RiskAction action, Instant at, @Nullable UUID customerId,
        @Nullable Credential credential, DecisionFacts authenticator, long signCount, @Nullable String clientIp,
        @Nullable String userAgent, Place place, @Nullable DevicePosture posture, @Nullable Place requesterPlace,
        CustomerHistory history) {

    public RiskAttempt {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(history, "history");
        if (credential == null && action != RiskAction.REGISTER) {
            throw new IllegalArgumentException("only a registration has no credential yet");
        }
        if (requesterPlace != null && action != RiskAction.CROSS_CHANNEL_APPROVAL) {
            throw new IllegalArgumentException("only a cross-channel approval has a requester");
        }
    }
}
