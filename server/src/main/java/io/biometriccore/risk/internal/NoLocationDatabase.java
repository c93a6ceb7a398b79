package io.biometriccore.risk.internal;

import io.biometriccore.risk.NetworkLocation;
import io.biometriccore.risk.NetworkLocator;
import io.biometriccore.risk.Place;
import org.jspecify.annotations.Nullable;

/**
 * Without a location database nothing is known about an address but its prefix, and saying so beats
 * guessing.
 */
class NoLocationDatabase implements NetworkLocator {

    @Override
    public NetworkLocation locate(@Nullable String ip) {
        return NetworkLocation.UNKNOWN_LOCATION;
    }

    @Override
    public Place place(@Nullable String ip) {
        return AddressPrefix.of(ip).map(prefix -> new Place(Place.Source.UNKNOWN, null, null, prefix))
                .orElse(Place.UNKNOWN);
    }
}
