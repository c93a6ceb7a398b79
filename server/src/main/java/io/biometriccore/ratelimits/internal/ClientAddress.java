package io.biometriccore.ratelimits.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The client address a per-address limit counts, as the servlet container reports it (the peer of the
 * connection, unless the operator configures forwarded headers). An IPv6 client counts by its /64:
 * one host usually holds the whole prefix and could change address at will within it.
 *
 * @param address the parsed address, for the tenant's exempt networks
 * @param key     what the bucket is named by
 */
public record ClientAddress(InetAddress address, String key) {

    private static final int IPV6_PREFIX_BYTES = 8;

    /** Empty when the container gave no literal address. */
    public static Optional<ClientAddress> of(@Nullable String remoteAddress) {
        if (remoteAddress == null) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.ofLiteral(remoteAddress);
            return Optional.of(new ClientAddress(address, keyOf(address)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String keyOf(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = new byte[IPV6_PREFIX_BYTES];
            System.arraycopy(address.getAddress(), 0, prefix, 0, IPV6_PREFIX_BYTES);
            return HexFormat.of().formatHex(prefix) + "/64";
        }
        return address.getHostAddress();
    }
}
