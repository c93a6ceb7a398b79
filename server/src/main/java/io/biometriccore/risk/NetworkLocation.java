package io.biometriccore.risk;

import java.util.Objects;

/**
 * Where an IP address sits, in words a customer can judge: the network that announces it and an
 * approximate place. Either is {@value #UNKNOWN} when no location database says; it is never a guess.
 *
 * @param network  the operator of the address (an ISP, a mobile carrier, a hosting company)
 * @param location an approximate place, city and country at the finest
 */
public record NetworkLocation(String network, String location) {

    public static final String UNKNOWN = "unknown";

    public static final NetworkLocation UNKNOWN_LOCATION = new NetworkLocation(UNKNOWN, UNKNOWN);

    private static final int MAX_LENGTH = 128;

    public NetworkLocation {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(location, "location");
        if (network.isBlank() || location.isBlank() || network.length() > MAX_LENGTH
                || location.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("network and location must be 1 to " + MAX_LENGTH + " characters");
        }
    }
}
