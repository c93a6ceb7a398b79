package io.biometriccore.risk;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import org.jspecify.annotations.Nullable;

/**
 * The {@code posture} member of an options request: what the client says of its own device, unsigned.
 * It can only add to the score ({@link DevicePosture.Trust#CLAIMED}).
 */
public record PostureClaim(@Nullable Boolean rooted, @Nullable Boolean emulator, @Nullable String osVersion) {

    /** @throws ApiException {@code invalid_request} for an {@code osVersion} that is no version */
    public DevicePosture claimed() {
        try {
            return new DevicePosture(DevicePosture.Trust.CLAIMED, rooted, emulator, osVersion);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "posture." + e.getMessage());
        }
    }
}
