package io.biometriccore.ceremonies;

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
 */
public record CeremonyContext(@Nullable UUID grantId, @Nullable String requiredAcr, @Nullable UUID sessionId,
        @Nullable String channel, @Nullable UUID crossChannelId) {

    public static final CeremonyContext NONE = new CeremonyContext(null, null, null, null, null);

    public static CeremonyContext grant(UUID grantId) {
        return new CeremonyContext(grantId, null, null, null, null);
    }
}
