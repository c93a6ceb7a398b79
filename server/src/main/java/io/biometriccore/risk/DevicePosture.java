package io.biometriccore.risk;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the customer's device says of itself, and how far that can be trusted. A member left out is
 * not known; it is never taken for {@code false}.
 *
 * @param rooted    rooted (Android) or jailbroken (iOS)
 * @param emulator  an emulator or simulator rather than a phone
 * @param osVersion the operating system's version, as the app reports it ({@code 17.4.1})
 */
public record DevicePosture(Trust trust, @Nullable Boolean rooted, @Nullable Boolean emulator,
        @Nullable String osVersion) {

    /** Who vouches for the report, most trusted first. */
    public enum Trust {
        /** Verified by platform attestation (App Attest, Android key attestation). */
        ATTESTED,
        /** Signed by the bank, in the options request's {@code context}. */
        SIGNED,
        /** Claimed by the client, unsigned: it can only add to the score. */
        CLAIMED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DevicePosture {
        Objects.requireNonNull(trust, "trust");
        if (osVersion != null && !osVersion.matches("[0-9A-Za-z._-]{1,32}")) {
            throw new IllegalArgumentException("osVersion must be 1 to 32 letters, digits, dots, dashes or underscores");
        }
    }
}
