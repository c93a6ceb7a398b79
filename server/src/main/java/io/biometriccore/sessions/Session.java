package io.biometriccore.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A signed-in customer on one device and channel.
 *
 * @param userHandle    base64url; the {@code sub} of the session's tokens
 * @param acr           the assurance level of the latest authentication in this session (the sign-in or
 *                      the latest step-up), so that acr and authTime always describe one authentication
 * @param amr           RFC 8176 methods of the latest authentication
 * @param authTime      when that authentication happened
 * @param idleExpiresAt moved forward by each refresh, never past {@code absoluteExpiresAt}
 * @param dpopJkt       the thumbprint of the key the session's tokens are bound to (RFC 9449), if any
 */
public record Session(UUID id, String tenantId, UUID customerId, String userHandle, @Nullable UUID deviceId,
        Channel channel, String acr, List<String> amr, Instant authTime, Instant createdAt, Instant lastSeenAt,
        Instant idleExpiresAt, Instant absoluteExpiresAt, @Nullable String userAgent, @Nullable Instant revokedAt,
        @Nullable String revokedReason, @Nullable String dpopJkt) {

    /**
     * The {@code amr} value of a session whose sign-in was approved on another device (ADR 0022). It is
     * not an RFC 8176 method: nothing proves that the approving customer sits at this session's browser.
     */
    public static final String APPROVED_ON_ANOTHER_DEVICE = "cross_device";

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(acr, "acr");
        amr = List.copyOf(amr);
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(idleExpiresAt, "idleExpiresAt");
        Objects.requireNonNull(absoluteExpiresAt, "absoluteExpiresAt");
    }

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(idleExpiresAt) && now.isBefore(absoluteExpiresAt);
    }

    /** Whether the latest authentication was an approval on another device, not one in this session's client. */
    public boolean approvedOnAnotherDevice() {
        return amr.contains(APPROVED_ON_ANOTHER_DEVICE);
    }

    /** Whether the last authentication is at most {@code maxAge} old. */
    public boolean authenticatedWithin(Duration maxAge, Instant now) {
        return !authTime.plus(maxAge).isBefore(now);
    }
}
