package io.biometriccore.ceremonies.internal;

import io.biometriccore.ceremonies.CeremonyContext;
import io.biometriccore.ceremonies.CeremonyPurpose;
import io.biometriccore.shared.Base64Url;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A ceremony between its options and its result: the challenge and everything it is bound to.
 *
 * @param handle          an opaque id for session-cookie lookup (conformance profile)
 * @param purpose         the route it was started for; only a route finishing that purpose takes it
 * @param challenge       base64url of at least 32 random bytes
 * @param userHandle      base64url; registration: the handle sent in the options; username-first
 *                        authentication: the identified customer's handle; usernameless: null
 * @param customerId      username-first authentication of a known customer; null otherwise
 * @param username        the name given in the options call, if any
 * @param algorithms      COSE identifiers offered in {@code pubKeyCredParams} (registration)
 * @param allowCredentials base64url credential ids sent in {@code allowCredentials} (authentication)
 * @param context          what the ceremony was started for
 */
public record PendingCeremony(String handle, String tenantId, CeremonyType type, CeremonyPurpose purpose,
        String challenge, @Nullable String userHandle, @Nullable UUID customerId, @Nullable String username,
        @Nullable String displayName, boolean userVerificationRequired, List<Long> algorithms,
        List<String> allowCredentials, Instant expiresAt, CeremonyContext context) {

    public PendingCeremony {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(context, "context");
        if (!fits(type, purpose, context)) {
            throw new IllegalArgumentException("A " + type + " ceremony with this context cannot be for " + purpose);
        }
        algorithms = List.copyOf(algorithms);
        allowCredentials = List.copyOf(allowCredentials);
    }

    private static boolean fits(CeremonyType type, CeremonyPurpose purpose, CeremonyContext context) {
        return switch (purpose) {
            case OPEN_ENROLLMENT -> type == CeremonyType.REGISTRATION && context.grantId() == null;
            case GRANT_ENROLLMENT -> type == CeremonyType.REGISTRATION && context.grantId() != null;
            case SIGN_IN, STEP_UP, CROSS_CHANNEL_APPROVAL, TRANSACTION_APPROVAL, SPC_APPROVAL -> type == CeremonyType.AUTHENTICATION
                    && CeremonyPurpose.forAuthentication(context) == purpose;
            case CONFORMANCE -> context.equals(CeremonyContext.NONE);
        };
    }

    public byte[] challengeBytes() {
        return Base64Url.decode(challenge, "challenge");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
