package io.biometriccore.appintegrity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the device record says of the bank's app on the device: the posture its last verified attestation
 * proved, and the last refusal since, if any.
 *
 * @param posture     the verified posture; null while no attestation of the device verified
 * @param failureCode the {@link AttestationRejection#code()} of the last refused attestation or assertion
 *                    since the last verified attestation; null when there was none
 */
public record DeviceAttestation(@Nullable VerifiedPosture posture, @Nullable String failureCode,
        @Nullable Instant failedAt) {

    public DeviceAttestation {
        if ((failureCode == null) != (failedAt == null)) {
            throw new IllegalArgumentException("failureCode and failedAt go together");
        }
        if (posture == null && failureCode == null) {
            throw new IllegalArgumentException("a device attestation has a posture, a failure or both");
        }
    }
}
