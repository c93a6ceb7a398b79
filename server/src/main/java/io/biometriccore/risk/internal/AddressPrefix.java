package io.biometriccore.risk.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The network an address belongs to when no database names it: its {@code /24} (IPv4) or {@code /48}
 * (IPv6), about one customer's provider network. Parses literals only, never asking DNS.
 */
final class AddressPrefix {

    private AddressPrefix() {
    }

    static Optional<String> of(@Nullable String ip) {
        if (ip == null || ip.isBlank() || ip.length() > 45) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.ofLiteral(ip);
            boolean v4 = address instanceof Inet4Address;
            byte[] bytes = address.getAddress();
            int keep = v4 ? 3 : 6;
            Arrays.fill(bytes, keep, bytes.length, (byte) 0);
            return Optional.of(InetAddress.getByAddress(bytes).getHostAddress().replaceAll("(:0)+$", "::")
                    + (v4 ? "/24" : "/48"));
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }
}
