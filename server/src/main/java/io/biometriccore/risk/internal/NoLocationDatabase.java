package io.biometriccore.risk.internal;

import io.biometriccore.risk.NetworkLocation;
import io.biometriccore.risk.NetworkLocator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Without a location database nothing is known about an address, and saying so beats guessing. */
@Component
class NoLocationDatabase implements NetworkLocator {

    @Override
    public NetworkLocation locate(@Nullable String ip) {
        return NetworkLocation.UNKNOWN_LOCATION;
    }
}
