package io.biometriccore.risk;

import org.jspecify.annotations.Nullable;

/**
 * Turns a client's IP address into a {@link NetworkLocation}, so that a customer asked to approve
 * something can see where the request came from. The built-in locator has no location database and
 * answers {@link NetworkLocation#UNKNOWN_LOCATION} for every address; a database-backed one replaces it.
 */
public interface NetworkLocator {

    /** Never fails: an address it cannot place, or none at all, is {@link NetworkLocation#UNKNOWN_LOCATION}. */
    NetworkLocation locate(@Nullable String ip);

    /**
     * Where {@code ip} is, for the risk engine. Never fails: without a database, or for an address it does
     * not know, {@link Place.Source#UNKNOWN} with the address's prefix ({@code /24}, {@code /48}) as its
     * network; with no address, {@link Place#UNKNOWN}.
     */
    Place place(@Nullable String ip);
}
