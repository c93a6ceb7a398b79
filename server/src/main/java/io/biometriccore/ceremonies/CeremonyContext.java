package io.biometriccore.ceremonies;

import io.biometriccore.risk.BankContext;
import io.biometriccore.risk.DevicePosture;
import io.biometriccore.risk.Place;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a ceremony was started for, bound to its challenge and handed back on success, so that a
 * response cannot be replayed into another purpose.
 *
 * @param grantId        registration: the enrollment grant it redeems
 * @param requiredAcr    authentication: the minimum level the client asked for
 * @param sessionId      authentication: the session this ceremony steps up
 * @param channel        authentication: the channel the client declared ({@code web} or {@code mobile})
 * @param crossChannelId authentication: the cross-channel sign-in this assertion approves
 * @param transactionId  authentication: the transaction this assertion approves (dynamic linking)
 * @param transactionNonce base64url of the 32 random bytes the approval's challenge was derived from,
 *                       with the transaction's hash: {@code SHA-256(nonce || hash)}
 * @param spcOrigin      a Secure Payment Confirmation approval: the merchant origin registered with the
 *                       transaction, the only {@code C.origin} and {@code payment.topOrigin} it accepts
 * @param bankContext    the bank's signed {@code context} of the options request, verified when the
 *                       options were asked for (docs/risk.md "The bank's context")
 * @param claimedPosture the device posture the client itself reported, unsigned
 * @param requesterPlace a cross-channel approval: where the browser that asked to be signed in is, as the
 *                       locator placed its address when it asked
 */
public record CeremonyContext(@Nullable UUID grantId, @Nullable String requiredAcr, @Nullable UUID sessionId,
        @Nullable String channel, @Nullable UUID crossChannelId, @Nullable UUID transactionId,
        @Nullable String transactionNonce, @Nullable String spcOrigin, @Nullable BankContext bankContext,
        @Nullable DevicePosture claimedPosture, @Nullable Place requesterPlace) {

    public static final CeremonyContext NONE = new CeremonyContext(null, null, null, null, null);

    public CeremonyContext {
        if ((transactionId == null) != (transactionNonce == null)) {
            throw new IllegalArgumentException("a transaction approval needs both its transaction and its nonce");
        }
        if (spcOrigin != null && transactionId == null) {
            throw new IllegalArgumentException("a Secure Payment Confirmation approves a transaction");
        }
        if (claimedPosture != null && claimedPosture.trust() != DevicePosture.Trust.CLAIMED) {
            throw new IllegalArgumentException("the client's own posture report is a claim");
        }
        if (requesterPlace != null && crossChannelId == null) {
            throw new IllegalArgumentException("only a cross-channel approval has a requester");
        }
    }

    /** This context asking the authentication to reach {@code acr} at the least. */
    public CeremonyContext withRequiredAcr(String acr) {
        return new CeremonyContext(grantId, acr, sessionId, channel, crossChannelId, transactionId, transactionNonce,
                spcOrigin, bankContext, claimedPosture, requesterPlace);
    }

    /** A context without the bank's context or a posture claim. */
    public CeremonyContext(@Nullable UUID grantId, @Nullable String requiredAcr, @Nullable UUID sessionId,
            @Nullable String channel, @Nullable UUID crossChannelId, @Nullable UUID transactionId,
            @Nullable String transactionNonce, @Nullable String spcOrigin) {
        this(grantId, requiredAcr, sessionId, channel, crossChannelId, transactionId, transactionNonce, spcOrigin,
                null, null, null);
    }

    /** This context with what the options request said of the attempt, for the risk engine. */
    public CeremonyContext withRisk(@Nullable BankContext bank, @Nullable DevicePosture claimed) {
        return new CeremonyContext(grantId, requiredAcr, sessionId, channel, crossChannelId, transactionId,
                transactionNonce, spcOrigin, bank, claimed, requesterPlace);
    }

    /** This cross-channel approval's context with where its requesting browser is. */
    public CeremonyContext withRequester(Place requester) {
        return new CeremonyContext(grantId, requiredAcr, sessionId, channel, crossChannelId, transactionId,
                transactionNonce, spcOrigin, bankContext, claimedPosture, requester);
    }

    /** A context that is no Secure Payment Confirmation. */
    public CeremonyContext(@Nullable UUID grantId, @Nullable String requiredAcr, @Nullable UUID sessionId,
            @Nullable String channel, @Nullable UUID crossChannelId, @Nullable UUID transactionId,
            @Nullable String transactionNonce) {
        this(grantId, requiredAcr, sessionId, channel, crossChannelId, transactionId, transactionNonce, null);
    }

    /** A context that approves no transaction. */
    public CeremonyContext(@Nullable UUID grantId, @Nullable String requiredAcr, @Nullable UUID sessionId,
            @Nullable String channel, @Nullable UUID crossChannelId) {
        this(grantId, requiredAcr, sessionId, channel, crossChannelId, null, null, null);
    }

    /** The approval of a transaction by its customer, from {@code channel}. */
    public static CeremonyContext transactionApproval(UUID transactionId, String nonce, @Nullable String channel) {
        return new CeremonyContext(null, null, null, channel, null, transactionId, nonce, null);
    }

    /**
     * The approval of a transaction through Secure Payment Confirmation on the page of
     * {@code merchantOrigin} (ADR 0037), from {@code channel} when the customer's app asked for it.
     */
    public static CeremonyContext spcApproval(UUID transactionId, String nonce, String merchantOrigin,
            @Nullable String channel) {
        return new CeremonyContext(null, null, null, channel, null, transactionId, nonce, merchantOrigin);
    }

    public static CeremonyContext grant(UUID grantId) {
        return new CeremonyContext(grantId, null, null, null, null);
    }
}
